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
    /// <summary>A window a rule could not finish within its time or attempt budget is masked whole under this id.</summary>
    public const string LimitRule = "redaction-limit";

    /// <summary>Keyword-anchored attempts one rule may make in one window; past it the input is hostile, not a log.</summary>
    private const int MaxAnchoredAttempts = 1024;

    private readonly SecretRule[] _rules = [.. BuiltInRules.All];
    private readonly (string Id, Regex Pattern)[] _userRules;
    private readonly Regex[] _allowlist;
    private readonly NeedleMatcher _needles;

    public RedactionEngine(IEnumerable<(string Id, Regex Pattern)> userRules, IEnumerable<Regex> allowlist, NeedleMatcher needles)
    {
        _userRules = [.. userRules];
        _allowlist = [.. allowlist];
        _needles = needles;
    }

    /// <summary>Adds the spans to mask, unmerged; <paramref name="pemLimit"/> bounds where key blocks may open or close.</summary>
    public void FindSpans(ReadOnlySpan<byte> window, int pemLimit, ref bool insideKey, List<SecretSpan> spans)
    {
        var first = spans.Count;
        FindAll(window, pemLimit, ref insideKey, spans);
        DropInsideTokens(window, spans, first);
    }

    private void FindAll(ReadOnlySpan<byte> window, int pemLimit, ref bool insideKey, List<SecretSpan> spans)
    {
        var rented = ArrayPool<char>.Shared.Rent(window.Length);
        try
        {
            var chars = rented.AsSpan(0, window.Length);
            Encoding.Latin1.GetChars(window, chars);
            _needles.FindAll(chars, spans);
            BlankAnsiSequences(chars);
            PemScanner.Scan(chars[..pemLimit], ref insideKey, spans);
            var anchors = new List<(int Rule, int Position)>(256);
            var triggered = TriggeredRules(chars, anchors);
            if (triggered is null && _userRules.Length == 0)
            {
                return;
            }

            // Rules whose match is the secret run on the span without allocating; the others need a string for groups.
            string? text = null;
            try
            {
                for (var i = 0; triggered is not null && i < _rules.Length; i++)
                {
                    if (!triggered[i] || _rules[i].AnchoredAtKeywords)
                    {
                        continue;
                    }

                    if (_rules[i].HasSecretGroup)
                    {
                        AddMatches(_rules[i].Id, _rules[i].Pattern, text ??= new string(chars), _rules[i], spans);
                    }
                    else
                    {
                        AddWholeMatches(_rules[i], chars, spans);
                    }
                }

                if (anchors.Count > 0 || _userRules.Length > 0)
                {
                    text ??= new string(chars);
                }

                if (!TryAnchored(anchors, text!, spans))
                {
                    spans.Add(new SecretSpan(0, window.Length, LimitRule));
                }

                foreach (var (id, pattern) in _userRules)
                {
                    AddMatches(id, pattern, text!, null, spans);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Fail closed: a window a rule could not finish on is masked whole.
                spans.Add(new SecretSpan(0, window.Length, LimitRule));
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

    /// <summary>
    /// Tries anchored rules at their keywords, skipping positions inside the rule's previous match (as a scan would).
    /// False when a rule needed more attempts than a real log calls for: the caller masks the window whole.
    /// </summary>
    private bool TryAnchored(List<(int Rule, int Position)> anchors, string text, List<SecretSpan> spans)
    {
        if (anchors.Count == 0)
        {
            return true;
        }

        var coveredUntil = new int[_rules.Length];
        var attempts = new int[_rules.Length];
        foreach (var (rule, position) in anchors)
        {
            if (position < coveredUntil[rule])
            {
                continue;
            }

            if (++attempts[rule] > MaxAnchoredAttempts)
            {
                return false;
            }

            var match = _rules[rule].Pattern.Match(text, position);
            if (match.Success)
            {
                coveredUntil[rule] = match.Index + match.Length;
                AddMatch(match, text, _rules[rule], spans);
            }
        }

        return true;
    }

    /// <summary>The rules whose keywords occur in the window; null when none does.</summary>
    private bool[]? TriggeredRules(ReadOnlySpan<char> chars, List<(int Rule, int Position)> anchors)
    {
        bool[]? triggered = null;
        var (ignoreCase, exactCase) = BuiltInRules.Gates;
        ignoreCase.Mark(chars, ref triggered, _rules.Length, anchors);
        exactCase.Mark(chars, ref triggered, _rules.Length, anchors);
        return triggered;
    }

    private void AddWholeMatches(SecretRule rule, ReadOnlySpan<char> chars, List<SecretSpan> spans)
    {
        foreach (var match in rule.Pattern.EnumerateMatches(chars))
        {
            if (match.Length == 0 || IsAllowed(chars.Slice(match.Index, match.Length))
                || (rule.NotAfter.Length > 0 && match.Index > 0 && rule.NotAfter.Contains(chars[match.Index - 1])))
            {
                continue;
            }

            var start = match.Index;
            var limit = Math.Max(0, start - rule.LeadInMax);
            while (start > limit && rule.LeadInChars.Contains(chars[start - 1]))
            {
                start--;
            }

            spans.Add(new SecretSpan(start, match.Index + match.Length - start, rule.Id));
        }
    }

    private void AddMatches(string id, Regex pattern, string text, SecretRule? rule, List<SecretSpan> spans)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            AddMatch(match, text, rule, spans, id);
        }
    }

    private void AddMatch(Match match, string text, SecretRule? rule, List<SecretSpan> spans, string? id = null)
    {
        var group = match.Groups["secret"];
        var secret = group.Success ? (System.Text.RegularExpressions.Capture)group : match;
        if (secret.Length == 0 || (rule is { IsGeneric: true } && Placeholders.IsPlaceholder(secret.ValueSpan)) || IsAllowed(secret.ValueSpan))
        {
            return;
        }

        if (rule is { NotAfter.Length: > 0 } && match.Index > 0 && rule.NotAfter.Contains(text[match.Index - 1], StringComparison.Ordinal))
        {
            return;
        }

        if (rule is { FlagName: true } && !EndsFlagName(text, match.Index))
        {
            return;
        }

        var start = secret.Index;
        if (rule is { LeadInMax: > 0 })
        {
            var limit = Math.Max(0, start - rule.LeadInMax);
            while (start > limit && rule.LeadInChars.Contains(text[start - 1], StringComparison.Ordinal))
            {
                start--;
            }
        }

        spans.Add(new SecretSpan(start, secret.Index + secret.Length - start, id ?? rule!.Id));
    }

    /// <summary>True when the text before <paramref name="at"/> is a flag prefix: <c>-</c> or <c>--</c>, maybe with more name.</summary>
    private static bool EndsFlagName(string text, int at)
    {
        var start = at;
        while (start > 0 && at - start < 40 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '-' or '_'))
        {
            start--;
        }

        return start < at && text[start] == '-' && (start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1]));
    }

    private bool IsAllowed(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("[REDACTED:", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var allowed in _allowlist)
        {
            foreach (var match in allowed.EnumerateMatches(value))
            {
                if (match.Index == 0 && match.Length == value.Length)
                {
                    return true;
                }
            }
        }

        return false;
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
