using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Dotlanth.Evidence.Redaction.Catalog;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Finds everything to mask in one window of bytes: known values, private-key blocks, catalog and user patterns.
/// Patterns run on a Latin-1 view (one char per byte, so offsets are byte offsets and binary data survives) with ANSI
/// colour sequences blanked, and only when one of their keywords is present.
/// </summary>
internal sealed class RedactionEngine
{
    public const string TimeoutRule = "redaction-timeout";

    private readonly SecretRule[] _rules;
    private readonly SearchValues<string>? _gate;
    private readonly (string Id, Regex Pattern)[] _userRules;
    private readonly Regex[] _allowlist;
    private readonly NeedleMatcher _needles;

    public RedactionEngine(IEnumerable<SecretRule> rules, IEnumerable<(string Id, Regex Pattern)> userRules, IEnumerable<Regex> allowlist, NeedleMatcher needles)
    {
        _rules = [.. rules];
        var keywords = _rules.SelectMany(r => r.Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        _gate = keywords.Length == 0 ? null : SearchValues.Create(keywords, StringComparison.OrdinalIgnoreCase);
        _userRules = [.. userRules];
        _allowlist = [.. allowlist];
        _needles = needles;
    }

    public int MaxNeedleLength => _needles.MaxLength;

    /// <summary>Adds the spans to mask, unmerged; <paramref name="pemLimit"/> bounds where key blocks may open or close.</summary>
    public void FindSpans(ReadOnlySpan<byte> window, int pemLimit, ref bool insideKey, List<SecretSpan> spans)
    {
        var first = spans.Count;
        FindAll(window, pemLimit, ref insideKey, spans);
        DropInsideTokens(window, spans, first);
    }

    private void FindAll(ReadOnlySpan<byte> window, int pemLimit, ref bool insideKey, List<SecretSpan> spans)
    {
        _needles.FindAll(window, spans);
        var rented = ArrayPool<char>.Shared.Rent(window.Length);
        try
        {
            var chars = rented.AsSpan(0, window.Length);
            Encoding.Latin1.GetChars(window, chars);
            BlankAnsiSequences(chars);
            PemScanner.Scan(chars[..pemLimit], ref insideKey, spans);
            var gated = _gate is not null && chars.IndexOfAny(_gate) >= 0;
            if (!gated && _userRules.Length == 0)
            {
                return;
            }

            var text = new string(chars);
            try
            {
                if (gated)
                {
                    foreach (var rule in _rules)
                    {
                        if (HasKeyword(chars, rule))
                        {
                            AddMatches(rule.Id, rule.Pattern, text, rule, spans);
                        }
                    }
                }

                foreach (var (id, pattern) in _userRules)
                {
                    AddMatches(id, pattern, text, null, spans);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Fail closed: a window a rule could not finish on is masked whole.
                spans.Add(new SecretSpan(0, window.Length, TimeoutRule));
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Text that is already a mask is never masked again, so redaction is idempotent.</summary>
    private static void DropInsideTokens(ReadOnlySpan<byte> window, List<SecretSpan> spans, int first)
    {
        var marker = "[REDACTED:"u8;
        var at = window.IndexOf(marker);
        while (at >= 0)
        {
            var close = window[at..].IndexOf((byte)']');
            var end = close < 0 ? window.Length : at + close + 1;
            for (var i = spans.Count - 1; i >= first; i--)
            {
                if (spans[i].Start >= at && spans[i].End <= end)
                {
                    spans.RemoveAt(i);
                }
            }

            var next = window[end..].IndexOf(marker);
            at = next < 0 ? -1 : end + next;
        }
    }

    private static bool HasKeyword(ReadOnlySpan<char> chars, SecretRule rule)
    {
        var comparison = rule.CaseSensitiveKeywords ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        foreach (var keyword in rule.Keywords)
        {
            if (chars.IndexOf(keyword, comparison) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private void AddMatches(string id, Regex pattern, string text, SecretRule? rule, List<SecretSpan> spans)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            var group = match.Groups["secret"];
            var secret = group.Success ? (System.Text.RegularExpressions.Capture)group : match;
            if (secret.Length == 0 || (rule is not null && !rule.Accepts(secret.Value)) || IsAllowed(secret.Value))
            {
                continue;
            }

            spans.Add(new SecretSpan(secret.Index, secret.Length, id));
        }
    }

    private bool IsAllowed(string value)
    {
        foreach (var allowed in _allowlist)
        {
            var match = allowed.Match(value);
            if (match.Success && match.Length == value.Length)
            {
                return true;
            }
        }

        return value.StartsWith("[REDACTED:", StringComparison.Ordinal);
    }

    /// <summary>Replaces CSI sequences (ESC [ … final byte) with spaces, keeping every offset where it was.</summary>
    private static void BlankAnsiSequences(Span<char> chars)
    {
        var at = chars.IndexOf('\u001b');
        while (at >= 0 && at + 1 < chars.Length)
        {
            var end = at + 1;
            if (chars[end] == '[')
            {
                end++;
                while (end < chars.Length && chars[end] is >= '\u0020' and <= '\u003f')
                {
                    end++;
                }

                if (end < chars.Length && chars[end] is >= '\u0040' and <= '\u007e')
                {
                    chars[at..(end + 1)].Fill(' ');
                }
            }

            var next = chars[(at + 1)..].IndexOf('\u001b');
            at = next < 0 ? -1 : at + 1 + next;
        }
    }
}
