namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>Line and word helpers shared by the detectors; every walk is bounded.</summary>
internal static class TextLines
{
    /// <summary>How many lines after a name its value may be, and how far in characters.</summary>
    public const int MaxLines = 4;

    public const int MaxLookAhead = 1024;

    public const int MaxName = 80;

    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    public static bool IsBlank(char c) => c is ' ' or '\t';

    /// <summary>The name the keyword at <paramref name="anchor"/> is part of (letters, digits, _ - .).</summary>
    public static (int Start, int End) NameAround(string text, int anchor)
    {
        var start = anchor;
        while (start > 0 && anchor - start < MaxName && IsNameChar(text[start - 1]))
        {
            start--;
        }

        var end = anchor;
        while (end < text.Length && end - start < MaxName && IsNameChar(text[end]))
        {
            end++;
        }

        while (start < end && text[start] is '-' or '.' or '_')
        {
            start++;
        }

        return (start, end);
    }

    public static int LineStart(string text, int at)
    {
        var nl = at == 0 ? -1 : text.LastIndexOf('\n', at - 1, Math.Min(at, MaxLookAhead));
        return nl + 1;
    }

    public static int LineEnd(string text, int at)
    {
        var limit = Math.Min(text.Length - at, MaxLookAhead);
        var nl = text.IndexOf('\n', at, limit);
        var end = nl < 0 ? at + limit : nl;
        return end > at && text[end - 1] == '\r' ? end - 1 : end;
    }

    public static int Indentation(string text, int lineStart)
    {
        var at = lineStart;
        while (at < text.Length && IsBlank(text[at]))
        {
            at++;
        }

        return at - lineStart;
    }

    /// <summary>Past a closing quote after <paramref name="at"/>, escaped or not (<c>"</c>, <c>\"</c>, <c>\\\"</c>).</summary>
    public static int SkipQuote(string text, int at)
    {
        var end = at;
        while (end < text.Length && end - at < 8 && text[end] == '\\')
        {
            end++;
        }

        return end < text.Length && text[end] is '"' or '\'' ? end + 1 : at;
    }

    /// <summary>Back past an opening quote before <paramref name="at"/>, escaped or not.</summary>
    public static int SkipQuoteBack(string text, int at)
    {
        if (at == 0 || text[at - 1] is not ('"' or '\''))
        {
            return at;
        }

        at--;
        while (at > 0 && text[at - 1] == '\\')
        {
            at--;
        }

        return at;
    }

    public static int SkipBlanks(string text, int at)
    {
        while (at < text.Length && IsBlank(text[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>True when only blanks (and a carriage return) are left on the line.</summary>
    public static bool RestIsBlank(string text, int at) => SkipBlanks(text, at) >= LineEnd(text, at);

    /// <summary>The next line after the one holding <paramref name="at"/>, or -1.</summary>
    public static int NextLine(string text, int at)
    {
        var limit = Math.Min(text.Length - at, MaxLookAhead);
        var nl = text.IndexOf('\n', at, limit);
        return nl < 0 || nl + 1 >= text.Length ? -1 : nl + 1;
    }

    /// <summary>
    /// Reads a value starting at <paramref name="at"/>: quoted (to the closing quote, escapes allowed) or bare (to the end of
    /// the line, without a trailing comma or YAML comment). Returns the value's start and end, or (-1, -1).
    /// </summary>
    public static (int Start, int End) ReadValue(string text, int at, bool bareStopsAtBlank = false)
    {
        at = SkipBlanks(text, at);
        // Values are read to their end however long they are: a mask covers the whole value.
        var nl = text.IndexOf('\n', at);
        var lineEnd = nl < 0 ? text.Length : nl > at && text[nl - 1] == '\r' ? nl - 1 : nl;
        if (at >= lineEnd)
        {
            return (-1, -1);
        }

        var opener = at;
        while (opener < lineEnd && opener - at < 8 && text[opener] == '\\')
        {
            opener++;
        }

        if (text.AsSpan(opener, lineEnd - opener).StartsWith("&quot;", StringComparison.Ordinal))
        {
            // XML-escaped quotes (a test report's attribute): the value runs to the next &quot;.
            var from = opener + "&quot;".Length;
            var close = text.IndexOf("&quot;", from, lineEnd - from, StringComparison.Ordinal);
            var last = close < 0 ? lineEnd : close;
            while (close >= 0 && last > from && text[last - 1] == '\\')
            {
                last--;
            }

            return (from, last);
        }

        if (opener > at && opener < lineEnd && text[opener] == '"')
        {
            // JSON inside JSON: \"value\" ends at the next quote, without the backslashes that escape it.
            var close = text.IndexOf('"', opener + 1, lineEnd - opener - 1);
            var last = close < 0 ? lineEnd : close;
            while (close >= 0 && last > opener + 1 && text[last - 1] == '\\')
            {
                last--;
            }

            return (opener + 1, last);
        }

        if (text[at] is '"' or '\'')
        {
            var quote = text[at];
            var end = at + 1;
            while (end < lineEnd && text[end] != quote)
            {
                end += text[end] == '\\' && quote == '"' ? 2 : 1;
            }

            return (at + 1, Math.Min(end, lineEnd));
        }

        var stop = at;
        while (stop < lineEnd && !(bareStopsAtBlank && (IsBlank(text[stop]) || text[stop] is ';' or ',' or '"' or '\'')) && !(text[stop] == '#' && stop > at && IsBlank(text[stop - 1])))
        {
            stop++;
        }

        while (stop > at && (IsBlank(text[stop - 1]) || text[stop - 1] is ',' or ';'))
        {
            stop--;
        }

        return (at, stop);
    }

    /// <summary>
    /// The label right before a name, as in <c>name: X</c>, <c>"Key": "X"</c>, <c>key="X"</c> or <c>variable "X"</c>: its
    /// lower-cased word, or null.
    /// </summary>
    public static string? LabelBefore(string text, int nameStart) => LabelBefore(text, nameStart, out _);

    public static string? LabelBefore(string text, int nameStart, out int labelStart)
    {
        labelStart = -1;
        var at = SkipQuoteBack(text, nameStart);

        var blanks = at;
        while (at > 0 && nameStart - at < 8 && IsBlank(text[at - 1]))
        {
            at--;
        }

        var separated = at > 0 && text[at - 1] is ':' or '=';
        if (!separated && blanks == at)
        {
            return null;
        }

        if (separated)
        {
            at--;
            while (at > 0 && IsBlank(text[at - 1]))
            {
                at--;
            }

            at = SkipQuoteBack(text, at);
        }

        var wordEnd = at;
        while (at > 0 && wordEnd - at < 24 && char.IsAsciiLetter(text[at - 1]))
        {
            at--;
        }

        if (at == wordEnd || (at > 0 && char.IsAsciiLetterOrDigit(text[at - 1])))
        {
            return null;
        }

        labelStart = at;
        var word = text.AsSpan(at, wordEnd - at);
        return separated ? Known(word) : word.Equals("variable", StringComparison.OrdinalIgnoreCase) ? "variable" : null;
    }

    /// <summary>
    /// The label words the detectors act on, as shared strings (no allocation per label): <c>name</c> and <c>key</c> and
    /// the words ending in them, <c>value</c> and words ending in it, <c>default</c>; any other label is "".
    /// </summary>
    private static string Known(ReadOnlySpan<char> word)
    {
        if (word.Length > 16)
        {
            return "";
        }

        for (var i = 0; i < KnownLabels.Length; i++)
        {
            if (word.EndsWith(KnownLabels[i], StringComparison.OrdinalIgnoreCase))
            {
                return word.Length == KnownLabels[i].Length ? KnownLabels[i] : LongerLabels[i];
            }
        }

        return "";
    }

    private static readonly string[] KnownLabels = ["name", "key", "value", "default"];

    // ParameterKey, ParameterValue, secretName: a longer word that ends in a known label.
    private static readonly string[] LongerLabels = ["xname", "xkey", "xvalue", "xdefault"];

    /// <summary>
    /// When a label word starts at <paramref name="at"/> (<c>value:</c>, <c>"Value":</c>, <c>value=</c>), where its value
    /// begins; otherwise -1. The word's end is returned through <paramref name="word"/>.
    /// </summary>
    public static int LabelAt(string text, int at, out string word)
    {
        word = "";
        if (at > 0 && char.IsAsciiLetterOrDigit(text[at - 1]))
        {
            return -1;
        }

        var end = at;
        while (end < text.Length && end - at < 24 && char.IsAsciiLetter(text[end]))
        {
            end++;
        }

        if (end == at || (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '_' or '-')))
        {
            return -1;
        }

        var after = SkipQuote(text, end);
        after = SkipBlanks(text, after);
        if (after >= text.Length || text[after] is not (':' or '=')
            || (after + 1 < text.Length && text[after + 1] == text[after]))
        {
            return -1;
        }

        word = Known(text.AsSpan(at, end - at));
        return after + 1;
    }
}
