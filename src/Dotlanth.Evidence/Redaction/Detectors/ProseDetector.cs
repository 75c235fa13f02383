namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>
/// A sensitive word followed only by blanks (or a quote, a dash, an arrow) and a secret-shaped word: <c>using password
/// X for upload</c>, <c>token X</c>, <c>--api-key X</c>, <c>export API_KEY X</c>. The shape gate keeps prose such as
/// <c>password reset flow</c> as it is.
/// </summary>
internal static class ProseDetector
{
    private const int MaxGap = 8;

    /// <summary>The value after the name at [<paramref name="start"/>, <paramref name="end"/>), or -1.</summary>
    public static int Detect(string text, int start, int end, string ruleId, List<SecretSpan> spans)
    {
        // Prose has a blank after the name (after " key" for "api key"): anything else is not prose.
        if (end >= text.Length || !TextLines.IsBlank(text[end]))
        {
            return -1;
        }

        // "api key X": the name is the two words.
        var twoWords = end + 4 <= text.Length && text.AsSpan(end, 4).Equals(" key", StringComparison.OrdinalIgnoreCase)
            && (end + 4 == text.Length || !TextLines.IsNameChar(text[end + 4]));
        var nameEnd = end;
        end += twoWords ? 4 : 0;

        var at = end;
        var blanks = 0;
        var quote = '\0';
        // An `=` or `:` makes an assignment, the assignment rules' business; `=>` is an arrow.
        while (at < text.Length && at - end < MaxGap
            && (text[at] is ' ' or '\t' or '-' or '>' or '"' or '\'' or '\u00e2' or '\u0086' or '\u0092' || (text[at] == '=' && at + 1 < text.Length && text[at + 1] == '>')))
        {
            blanks += TextLines.IsBlank(text[at]) ? 1 : 0;
            quote = text[at] is '"' or '\'' ? text[at] : quote;
            at++;
        }

        if (blanks == 0 || at >= text.Length)
        {
            return -1;
        }

        var valueEnd = at;
        while (valueEnd < text.Length && !char.IsWhiteSpace(text[valueEnd]) && text[valueEnd] != quote && (quote != '\0' || text[valueEnd] is not ('"' or '\'')))
        {
            valueEnd++;
        }

        while (quote == '\0' && valueEnd > at && text[valueEnd - 1] is '.' or ',' or ';' or ':' or ')' or ']' or '}')
        {
            valueEnd--;
        }

        // The word after is looked at first: in prose it is most often short, and then the name does not matter.
        if (valueEnd - at < SecretShape.MinimumLength || !SecretShape.IsLikely(text.AsSpan(at, valueEnd - at)))
        {
            return -1;
        }

        var named = twoWords
            ? SecretNames.EndsWithSecretWord("key", text.AsSpan(start, nameEnd - start))
            : SecretNames.EndsWithSecretWord(text.AsSpan(start, nameEnd - start), WordBefore(text, start));
        if (!named)
        {
            return -1;
        }

        spans.Add(new SecretSpan(at, valueEnd - at, ruleId));
        return valueEnd;
    }

    private static ReadOnlySpan<char> WordBefore(string text, int start)
    {
        var end = start;
        while (end > 0 && start - end < 4 && TextLines.IsBlank(text[end - 1]))
        {
            end--;
        }

        var from = end;
        while (from > 0 && end - from < 16 && char.IsAsciiLetter(text[from - 1]))
        {
            from--;
        }

        return end < start ? text.AsSpan(from, end - from) : [];
    }
}
