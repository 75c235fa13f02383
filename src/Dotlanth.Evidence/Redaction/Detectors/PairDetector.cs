namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>
/// A sensitive name whose value is elsewhere than after it on the same line: a name/value pair (Kubernetes and compose
/// env lists, JSON <c>{"name": …, "value": …}</c> in either order, XML <c>&lt;add key=… value=…/&gt;</c>), an HCL
/// <c>variable "X" { default = … }</c>, a YAML key whose value is on the next lines, and an XML element around its
/// value's line. The structure decides what the value is; it is looked for at most <see cref="TextLines.MaxLines"/> lines away.
/// </summary>
internal static class PairDetector
{
    /// <summary>The value of the name at [<paramref name="start"/>, <paramref name="end"/>); the structure is checked before the name.</summary>
    public static int Detect(string text, int start, int end, string ruleId, List<SecretSpan> spans)
    {
        var label = TextLines.LabelBefore(text, start, out var labelStart);
        var pair = label is not null && label.Length <= 16 && (label.EndsWith("name", StringComparison.Ordinal) || label.EndsWith("key", StringComparison.Ordinal));
        if (!pair && label != "variable" && !MayBeFollowedByValue(text, start, end))
        {
            return -1;
        }

        var strength = SecretNames.Classify(text.AsSpan(start, end - start));
        if (strength == NameStrength.None)
        {
            return -1;
        }

        if (pair)
        {
            var found = Forward(text, start, end, "value", strength, ruleId, spans);
            return found >= 0 ? found : Backward(text, labelStart, strength, ruleId, spans);
        }

        return label == "variable" ? Forward(text, start, end, "default", strength, ruleId, spans) : NextLines(text, start, end, strength, ruleId, spans);
    }

    /// <summary>A separator (<c>:</c>, <c>=</c>, a list's comma) after the name and its closing quote, or <c>&lt;name&gt;</c>.</summary>
    private static bool MayBeFollowedByValue(string text, int start, int end)
    {
        if (start > 0 && text[start - 1] == '<' && end < text.Length && text[end] == '>')
        {
            return true;
        }

        var at = TextLines.SkipBlanks(text, TextLines.SkipQuote(text, end));
        if (at < text.Length && text[at] == ']')
        {
            at = TextLines.SkipBlanks(text, at + 1);
        }

        return at < text.Length && (text[at] is ':' or '=' || (text[at] == ',' && IsListItem(text, start)));
    }

    /// <summary>
    /// A name followed by a comma is a pair only as a list item of its own (<c>["PASSWORD", "…"]</c>), not as the end
    /// of a longer word or path (<c>"/etc/passwd",</c>) nor as a JSON object's value (<c>"k": "passwd",</c>).
    /// </summary>
    private static bool IsListItem(string text, int start)
    {
        var before = start - 1;
        if (before >= 0 && text[before] is '"' or '\'')
        {
            before--;
        }
        else if (before >= 0 && !char.IsWhiteSpace(text[before]) && text[before] is not '[' and not ',')
        {
            return false;
        }

        while (before >= 0 && text[before] is ' ' or '\t')
        {
            before--;
        }

        return before < 0 || text[before] != ':';
    }

    /// <summary>The value label after the name, within the same item: not past another name, a closed object or a new list item.</summary>
    private static int Forward(string text, int nameStart, int from, string valueWord, NameStrength strength, string ruleId, List<SecretSpan> spans)
    {
        var itemIndent = TextLines.Indentation(text, TextLines.LineStart(text, nameStart));
        var limit = Math.Min(text.Length, from + TextLines.MaxLookAhead);
        var (lines, depth, opened) = (0, 0, false);
        for (var i = from; i < limit; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                var indent = TextLines.Indentation(text, i + 1);
                if (++lines > TextLines.MaxLines || (i + 1 + indent < text.Length && text[i + 1 + indent] == '-' && indent <= itemIndent))
                {
                    return -1;
                }
            }
            else if (c is '{' or '[')
            {
                (depth, opened) = (depth + 1, true);
            }
            else if (c is '}' or ']' && (--depth < 0 || (opened && depth == 0)))
            {
                return -1;
            }
            else if (char.IsAsciiLetter(c) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                var valueAt = TextLines.LabelAt(text, i, out var word);
                if (valueAt < 0)
                {
                    continue;
                }

                if (word.EndsWith(valueWord, StringComparison.Ordinal))
                {
                    return Take(text, valueAt, strength, ruleId, spans);
                }

                if (word.EndsWith("name", StringComparison.Ordinal) || word is "key")
                {
                    return -1;
                }

                i = valueAt - 1;
            }
        }

        return -1;
    }

    /// <summary>A value label earlier in the same object (<c>{"value": "…", "name": "API_KEY"}</c>).</summary>
    private static int Backward(string text, int labelStart, NameStrength strength, string ruleId, List<SecretSpan> spans)
    {
        var from = TextLines.LineStart(text, labelStart);
        for (var line = 0; line < TextLines.MaxLines && from > 0; line++)
        {
            from = TextLines.LineStart(text, from - 1);
        }

        var candidate = -1;
        for (var i = from; i < labelStart; i++)
        {
            var c = text[i];
            if (c is '{' or '}')
            {
                candidate = -1;
            }
            else if (char.IsAsciiLetter(c) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                var valueAt = TextLines.LabelAt(text, i, out var word);
                if (valueAt >= 0)
                {
                    candidate = word == "value" ? valueAt : word.EndsWith("name", StringComparison.Ordinal) || word == "key" ? -1 : candidate;
                    i = valueAt - 1;
                }
            }
        }

        return candidate < 0 ? -1 : Take(text, candidate, strength, ruleId, spans);
    }

    /// <summary><c>NAME:</c> or <c>NAME: |</c> with the value on the next, more indented lines; <c>&lt;NAME&gt;</c> alone on its line.</summary>
    private static int NextLines(string text, int start, int end, NameStrength strength, string ruleId, List<SecretSpan> spans)
    {
        var xml = start > 0 && text[start - 1] == '<' && end < text.Length && text[end] == '>';
        var after = xml ? end + 1 : end;
        if (!xml)
        {
            var closed = TextLines.SkipQuote(text, after);
            after = TextLines.SkipBlanks(text, closed);
            if (closed > end && after < text.Length && text[after] == ',')
            {
                // ["DB_PASSWORD", "value"], ('DB_PASSWORD', 'value'): a quoted name then its quoted value in a list.
                return strength == NameStrength.Strong ? Listed(text, after + 1, ruleId, spans) : -1;
            }

            if (after >= text.Length || text[after] is not (':' or '=') || (after + 1 < text.Length && text[after + 1] is ':' or '='))
            {
                return -1;
            }

            after = TextLines.SkipBlanks(text, after + 1);
        }

        var block = !xml && after < text.Length && text[after] is '|' or '>';
        if (block)
        {
            after++;
            while (after < text.Length && (text[after] is '-' or '+' || char.IsAsciiDigit(text[after])))
            {
                after++;
            }
        }

        if (!TextLines.RestIsBlank(text, after))
        {
            return block ? -1 : SameLine(text, after, xml, strength, ruleId, spans);
        }

        var nameIndent = TextLines.Indentation(text, TextLines.LineStart(text, start));
        var found = -1;
        var line = TextLines.NextLine(text, after);
        for (var count = 0; line >= 0 && count < (block ? TextLines.MaxLines : 1); count++, line = TextLines.NextLine(text, line))
        {
            var indent = TextLines.Indentation(text, line);
            var valueStart = line + indent;
            var valueEnd = TextLines.LineEnd(text, valueStart);
            if (valueStart >= valueEnd || (!xml && indent <= nameIndent))
            {
                break;
            }

            if (xml)
            {
                var close = text.IndexOf('<', valueStart, valueEnd - valueStart);
                valueEnd = close < 0 ? valueEnd : close;
            }

            while (valueEnd > valueStart && TextLines.IsBlank(text[valueEnd - 1]))
            {
                valueEnd--;
            }

            var value = text.AsSpan(valueStart, valueEnd - valueStart);
            if (value.IsEmpty)
            {
                break;
            }

            if (count == 0 && (value.StartsWith("- ") || value[0] is '#' or '{' or '[' or '<' || LooksLikeKey(value) || !ValueCheck.Accepts(value, strength)))
            {
                return -1;
            }

            spans.Add(new SecretSpan(valueStart, valueEnd - valueStart, ruleId, Counted: count == 0));
            found = valueEnd;
        }

        return found;
    }

    /// <summary><c>NAME = value</c>, <c>"Name": "value"</c>, <c>&lt;Name&gt;value&lt;/Name&gt;</c>: whatever the name's spelling.</summary>
    private static int SameLine(string text, int at, bool xml, NameStrength strength, string ruleId, List<SecretSpan> spans)
    {
        int start, end;
        if (xml)
        {
            var lineEnd = TextLines.LineEnd(text, at);
            var close = text.IndexOf("</", at, lineEnd - at, StringComparison.Ordinal);
            (start, end) = close < 0 ? (-1, -1) : (at, close);
        }
        else
        {
            (start, end) = TextLines.ReadValue(text, at, bareStopsAtBlank: true);
        }

        if (start < 0 || !ValueCheck.Accepts(text.AsSpan(start, end - start), strength))
        {
            return -1;
        }

        spans.Add(new SecretSpan(start, end - start, ruleId));
        return end;
    }

    private static int Listed(string text, int at, string ruleId, List<SecretSpan> spans)
    {
        at = TextLines.SkipBlanks(text, at);
        var quoted = at < text.Length && (text[at] is '"' or '\'' || (text[at] == '\\' && TextLines.SkipQuote(text, at) > at));
        if (!quoted)
        {
            return -1;
        }

        var (start, end) = TextLines.ReadValue(text, at, bareStopsAtBlank: true);
        if (start < 0 || !ValueCheck.Accepts(text.AsSpan(start, end - start), NameStrength.Strong) || IsVariableName(text.AsSpan(start, end - start)))
        {
            return -1;
        }

        spans.Add(new SecretSpan(start, end - start, ruleId));
        return end;
    }

    /// <summary>['DB_PASSWORD', 'API_KEY'] is a list of names, not a name and its value.</summary>
    private static bool IsVariableName(ReadOnlySpan<char> value) =>
        char.IsAsciiLetterUpper(value[0]) && value.IndexOfAnyExcept(UpperSnake) < 0;

    private static readonly System.Buffers.SearchValues<char> UpperSnake = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static bool LooksLikeKey(ReadOnlySpan<char> value)
    {
        var at = 0;
        while (at < value.Length && (TextLines.IsNameChar(value[at]) || value[at] is '"' or '\''))
        {
            at++;
        }

        return at > 0 && at < value.Length && value[at] == ':' && (at + 1 == value.Length || TextLines.IsBlank(value[at + 1]));
    }

    private static int Take(string text, int valueAt, NameStrength strength, string ruleId, List<SecretSpan> spans)
    {
        var (start, end) = TextLines.ReadValue(text, valueAt);
        if (start < 0 || !ValueCheck.Accepts(text.AsSpan(start, end - start), strength))
        {
            return -1;
        }

        spans.Add(new SecretSpan(start, end - start, ruleId));
        return end;
    }
}
