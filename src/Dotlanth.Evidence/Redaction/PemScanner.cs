using Dotlanth.Evidence.Redaction.Catalog;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Private-key blocks: from a <c>-----BEGIN … PRIVATE KEY-----</c> marker to its END marker, on one line (also with
/// JSON-escaped <c>\n</c>) or across lines, where the state carries over. Each marker is looked for once, so a flood
/// of BEGIN markers stays linear.
/// </summary>
internal static class PemScanner
{
    private const string Begin = "-----BEGIN ";
    private const string End = "-----END ";
    private const string Dashes = "-----";
    private const string PrivateKey = "PRIVATE KEY";

    /// <summary>Adds spans for key material in <paramref name="text"/>; <paramref name="insideBlock"/> says whether a block is open.</summary>
    public static void Scan(ReadOnlySpan<char> text, ref bool insideBlock, List<SecretSpan> spans)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            if (insideBlock)
            {
                var end = FindMarker(text, pos, End);
                if (end < 0)
                {
                    // The rest of the window belongs to the key; the line ending stays so the output keeps its shape.
                    var stop = TrimLineEnd(text, pos);
                    if (stop > pos)
                    {
                        spans.Add(new SecretSpan(pos, stop - pos, BuiltInRules.PrivateKeyRule, Counted: false));
                    }

                    return;
                }

                if (end > pos)
                {
                    spans.Add(new SecretSpan(pos, end - pos, BuiltInRules.PrivateKeyRule, Counted: false));
                }

                insideBlock = false;
                pos = end;
                continue;
            }

            var begin = FindMarker(text, pos, Begin);
            if (begin < 0)
            {
                return;
            }

            var close = FindMarker(text, begin + 1, End);
            if (close < 0)
            {
                var stop = TrimLineEnd(text, begin);
                spans.Add(new SecretSpan(begin, stop - begin, BuiltInRules.PrivateKeyRule, Counted: true));
                insideBlock = true;
                return;
            }

            spans.Add(new SecretSpan(begin, close - begin, BuiltInRules.PrivateKeyRule, Counted: true));
            pos = close;
        }
    }

    /// <summary>Index just after a marker line such as <c>-----END RSA PRIVATE KEY-----</c> at or after <paramref name="from"/>, or -1.</summary>
    private static int FindMarker(ReadOnlySpan<char> text, int from, string marker)
    {
        while (from < text.Length)
        {
            var at = text[from..].IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            at += from;
            var labelStart = at + marker.Length;
            var limit = Math.Min(text.Length, labelStart + 48);
            var dashes = text[labelStart..limit].IndexOf(Dashes, StringComparison.Ordinal);
            if (dashes >= 0 && text.Slice(labelStart, dashes).EndsWith(PrivateKey, StringComparison.Ordinal)
                || dashes >= 0 && text.Slice(labelStart, dashes).EndsWith(PrivateKey + " BLOCK", StringComparison.Ordinal))
            {
                return marker == End ? labelStart + dashes + Dashes.Length : at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static int TrimLineEnd(ReadOnlySpan<char> text, int from)
    {
        var stop = text.Length;
        while (stop > from && text[stop - 1] is '\n' or '\r')
        {
            stop--;
        }

        return stop;
    }
}
