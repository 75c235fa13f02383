using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Index;

/// <summary>An argv as one line a user could paste into a POSIX shell: words with special characters single-quoted.</summary>
public static class CommandLines
{
    private const int MaxLength = 200;

    /// <summary>The line of a recorded argv (a JSON array of strings); null when there is none.</summary>
    public static string? Of(JsonNode? argv) =>
        argv is JsonArray words && words.Count > 0 && words.All(w => w is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
            ? Of([.. words.Select(w => (string)w!)])
            : null;

    public static string Of(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var line = string.Join(' ', argv.Select(Quote));
        return line.Length > MaxLength ? line[..(MaxLength - 1)] + "…" : line;
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal).ReplaceLineEndings("\\n") + "'";
}
