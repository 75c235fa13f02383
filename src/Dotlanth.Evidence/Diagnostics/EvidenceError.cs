using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Diagnostics;

/// <summary>One entry of errors.json: a stable code, what went wrong, and what to do about it.</summary>
public sealed record EvidenceError(string Code, string Message, string? Hint = null, string? Where = null)
{
    /// <summary>The one-line form for stderr and MSBuild: <c>error EVD0101: message; hint</c>.</summary>
    /// <summary>One line whatever the message quotes: a newline in a selector or a path is shown as <c>\n</c>.</summary>
    /// <param name="severity">"error", or "warning" for a problem the command goes on past.</param>
    public string ToLine(string severity = "error") => $"{severity} {Code}: {Message}{(Hint is null ? string.Empty : "; " + Hint)}".ReplaceLineEndings("\\n");

    public JsonObject ToJson() => new()
    {
        ["code"] = Code,
        ["message"] = Message,
        ["hint"] = Hint,
        ["where"] = Where,
    };
}
