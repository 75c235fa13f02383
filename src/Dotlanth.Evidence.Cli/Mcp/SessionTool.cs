using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Dotlanth.Evidence.Cli.Mcp;

/// <summary>
/// One tool the server offers: what a model is told about it (name, description, input schema, hints) and how a
/// call becomes its syscall. <see cref="Build"/> is null only for <c>finish</c>, which ends the session instead.
/// </summary>
internal sealed record SessionTool(string Name, string Title, string Description, string Schema, bool ReadOnly, bool Destructive, Func<ToolArguments, ToolRequest>? Build)
{
    private readonly JsonElement _schema = JsonDocument.Parse(Schema).RootElement.Clone();

    /// <summary>The argument names the schema declares; any other is refused.</summary>
    public IReadOnlyCollection<string> Parameters => [.. _schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    public Tool Protocol => new()
    {
        Name = Name,
        Title = Title,
        // Written as wrapped paragraphs; a model reads one flowing text.
        Description = Description.ReplaceLineEndings(" "),
        InputSchema = _schema,
        Annotations = new ToolAnnotations
        {
            Title = Title,
            ReadOnlyHint = ReadOnly,
            DestructiveHint = Destructive,
            IdempotentHint = ReadOnly,
            OpenWorldHint = false,
        },
    };
}
