using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// The findings of <c>redact --report --format sarif</c> as a SARIF 2.1.0 log, for code scanning: for each secret its
/// rule, line and byte range, never its value. Columns are left out because the redactor counts bytes, not characters.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(Stream input, IRedactor redactor, Stream output, string artifactUri, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(output);
        var lines = new RedactionReport.LineIndex();
        var results = new JsonArray();
        var rules = new SortedSet<string>(StringComparer.Ordinal);
        var sink = redactor.Wrap(new DiscardingSink(), hit =>
        {
            rules.Add(hit.RuleId);
            results.Add((JsonNode)new JsonObject
            {
                ["ruleId"] = hit.RuleId,
                ["level"] = "error",
                ["message"] = new JsonObject { ["text"] = $"A secret ({hit.RuleId}, {hit.Length} bytes) is in this file; it is masked in evidence bundles." },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = artifactUri },
                        ["region"] = new JsonObject { ["startLine"] = lines.Locate(hit.Offset).Line, ["byteOffset"] = hit.Offset, ["byteLength"] = hit.Length },
                    },
                }),
            });
        });
        RedactionReport.Feed(input, lines, sink);
        var log = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "dotnet-evidence",
                        ["version"] = toolVersion,
                        ["semanticVersion"] = toolVersion.Split('+')[0],
                        ["rules"] = new JsonArray([.. rules.Select(id => (JsonNode)new JsonObject
                        {
                            ["id"] = id,
                            ["shortDescription"] = new JsonObject { ["text"] = $"Secret found by the redaction rule {id}" },
                            ["defaultConfiguration"] = new JsonObject { ["level"] = "error" },
                        })]),
                    },
                },
                ["artifacts"] = new JsonArray(new JsonObject { ["location"] = new JsonObject { ["uri"] = artifactUri } }),
                ["results"] = results,
            }),
        };
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        log.WriteTo(writer);
        writer.Flush();
        output.WriteByte((byte)'\n');
    }
}
