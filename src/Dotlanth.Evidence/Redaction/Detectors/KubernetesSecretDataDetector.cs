namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>
/// The <c>data:</c> (base64) and <c>stringData:</c> blocks of a Kubernetes Secret as <c>kubectl get secret -o yaml</c>
/// or <c>-o json</c> prints them: every entry's value is a secret whatever its key is called.
/// </summary>
internal sealed class KubernetesSecretDataDetector : ISecretDetector
{
    /// <summary>Entries looked at after the block's first line; the context a window keeps covers the same.</summary>
    public const int MaxEntries = 32;

    public int Detect(string text, int anchor, string ruleId, List<SecretSpan> spans)
    {
        var plain = anchor >= 6 && text.AsSpan(anchor - 6, 6).Equals("string", StringComparison.OrdinalIgnoreCase);
        var keyStart = plain ? anchor - 6 : anchor;
        var lineStart = TextLines.LineStart(text, keyStart);
        var indent = TextLines.Indentation(text, lineStart);
        var json = anchor + 4 < text.Length && text[anchor + 4] == '"';
        if (keyStart > 0 && char.IsAsciiLetterOrDigit(text[keyStart - 1]))
        {
            return -1;
        }

        var at = anchor + 4 + (json ? 1 : 0);
        if (at >= text.Length || text[at] != ':')
        {
            return -1;
        }

        at = TextLines.SkipBlanks(text, at + 1);
        if (json && (at >= text.Length || text[at] != '{'))
        {
            return -1;
        }

        if (!TextLines.RestIsBlank(text, json ? at + 1 : at))
        {
            return -1;
        }

        var found = -1;
        var line = TextLines.NextLine(text, at);
        for (var count = 0; line >= 0 && count < MaxEntries; count++, line = TextLines.NextLine(text, line))
        {
            var entryIndent = TextLines.Indentation(text, line);
            var entry = line + entryIndent;
            if (entryIndent <= indent || entry >= text.Length || text[entry] == '}')
            {
                break;
            }

            var colon = text.IndexOf(':', entry, TextLines.LineEnd(text, entry) - entry);
            if (colon < 0)
            {
                break;
            }

            var (start, end) = TextLines.ReadValue(text, colon + 1, bareStopsAtBlank: true);
            if (start >= 0 && (plain ? ValueCheck.Accepts(text.AsSpan(start, end - start), NameStrength.Strong) : IsEncoded(text.AsSpan(start, end - start))))
            {
                spans.Add(new SecretSpan(start, end - start, ruleId));
                found = end;
            }
        }

        return found;
    }

    /// <summary>Base64 with a padding, a digit or both cases: <c>true</c> and <c>enabled</c> are not data of a Secret.</summary>
    private static bool IsEncoded(ReadOnlySpan<char> value)
    {
        if (value.Length < 4 || value.Length % 4 != 0 || value.TrimEnd('=').IndexOfAnyExcept(Base64Chars) >= 0 || value.Length - value.TrimEnd('=').Length > 2)
        {
            return false;
        }

        return value[^1] == '=' || value.IndexOfAnyInRange('0', '9') >= 0 || (value.IndexOfAnyInRange('a', 'z') >= 0 && value.IndexOfAnyInRange('A', 'Z') >= 0);
    }

    private static readonly System.Buffers.SearchValues<char> Base64Chars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
}
