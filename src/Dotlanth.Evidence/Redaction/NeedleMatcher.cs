using System.Buffers;
using System.Text;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Finds known byte sequences in one multi-string pass over the window's Latin-1 view (one char per byte, so a
/// UTF-8 needle matches exactly where its bytes are): leftmost first, and the longest of those starting there.
/// </summary>
internal sealed class NeedleMatcher
{
    private readonly SearchValues<string>? _search;
    private readonly string[] _texts;
    private readonly Dictionary<char, (string Text, string RuleId)[]> _byFirstChar;

    public NeedleMatcher(IReadOnlyCollection<Needle> needles)
    {
        var texts = needles.Select(n => (Text: Encoding.Latin1.GetString(n.Value), n.RuleId)).Where(n => n.Text.Length > 0).ToList();
        _search = texts.Count == 0 ? null : SearchValues.Create([.. texts.Select(n => n.Text).Distinct(StringComparer.Ordinal)], StringComparison.Ordinal);
        _byFirstChar = texts.GroupBy(n => n.Text[0]).ToDictionary(g => g.Key, g => g.OrderByDescending(n => n.Text.Length).ToArray());
        LongestNeedle = texts.Count == 0 ? 0 : texts.Max(n => n.Text.Length);
        _texts = [.. texts.Select(n => n.Text).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>True when some known value's last <paramref name="minimum"/> or more bytes (not all of it) begin <paramref name="line"/>.</summary>
    public bool EndsAStartOf(ReadOnlySpan<byte> line, int minimum)
    {
        foreach (var text in _texts)
        {
            for (var cut = 1; text.Length - cut >= minimum; cut++)
            {
                var rest = text.AsSpan(cut);
                var length = Math.Min(rest.Length, line.Length);
                if (length >= minimum && IsPrefix(rest[..length], line[..length]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when some known value's first <paramref name="minimum"/> or more bytes (not all of it) end <paramref name="line"/>.</summary>
    public bool StartsAnEndOf(ReadOnlySpan<byte> line, int minimum)
    {
        foreach (var text in _texts)
        {
            for (var length = minimum; length < text.Length && length <= line.Length; length++)
            {
                if (IsPrefix(text.AsSpan(0, length), line[^length..]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPrefix(ReadOnlySpan<char> text, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != bytes[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The length of the longest known value form, in bytes (0 when there are none).</summary>
    public int LongestNeedle { get; }

    public void FindAll(ReadOnlySpan<char> window, List<SecretSpan> spans)
    {
        if (_search is null)
        {
            return;
        }

        var pos = 0;
        while (pos < window.Length)
        {
            var found = window[pos..].IndexOfAny(_search);
            if (found < 0)
            {
                return;
            }

            var at = pos + found;
            var rest = window[at..];
            var matched = false;
            foreach (var (text, rule) in _byFirstChar[rest[0]])
            {
                // Longest first, so the first that fits is the one to take.
                if (rest.StartsWith(text, StringComparison.Ordinal))
                {
                    spans.Add(new SecretSpan(at, text.Length, rule));
                    pos = at + text.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                pos = at + 1;
            }
        }
    }
}
