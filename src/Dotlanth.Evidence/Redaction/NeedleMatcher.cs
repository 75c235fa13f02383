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
    private readonly Dictionary<char, (string Text, string RuleId)[]> _byFirstChar;

    public NeedleMatcher(IReadOnlyCollection<Needle> needles)
    {
        var texts = needles.Select(n => (Text: Encoding.Latin1.GetString(n.Value), n.RuleId)).Where(n => n.Text.Length > 0).ToList();
        _search = texts.Count == 0 ? null : SearchValues.Create([.. texts.Select(n => n.Text).Distinct(StringComparer.Ordinal)], StringComparison.Ordinal);
        _byFirstChar = texts.GroupBy(n => n.Text[0]).ToDictionary(g => g.Key, g => g.OrderByDescending(n => n.Text.Length).ToArray());
    }

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
