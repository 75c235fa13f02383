using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.RegularExpressions;
using Dotlanth.Evidence.Redaction.Catalog;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Finds everything to mask in one window of bytes: known values, private-key blocks, catalog and user patterns.
/// Patterns and detectors run on a <see cref="TextView"/> of the window's Latin-1 text (one char per byte, so binary
/// data survives) without terminal control sequences, and on its UTF-16 code units when it is UTF-16; only rules whose
/// keywords are present run.
/// </summary>
internal sealed class RedactionEngine
{
    /// <summary>A window a rule could not finish within its time or attempt budget is masked whole under this id.</summary>
    public const string LimitRule = "redaction-limit";

    /// <summary>Keyword-anchored attempts one rule may make in one window; past it the input is hostile, not a log.</summary>
    private const int MaxAnchoredAttempts = 1024;

    [ThreadStatic]
    private static List<(int Rule, int Position)>? t_anchors;

    [ThreadStatic]
    private static int[]? t_coveredUntil;

    [ThreadStatic]
    private static int[]? t_attempts;

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

    /// <summary>The known values' matcher, which a pair of streams also searches across their junction.</summary>
    public NeedleMatcher Needles => _needles;

    /// <summary>
    /// Adds the spans to mask, unmerged. Bytes before <paramref name="skip"/> were decided already and are only read as
    /// context; key blocks may open or close only in [<paramref name="skip"/>, <paramref name="pemLimit"/>).
    /// </summary>
    public void FindSpans(ReadOnlySpan<byte> window, int skip, int pemLimit, ref bool insideKey, List<SecretSpan> spans)
    {
        var first = spans.Count;
        FindAll(window, skip, pemLimit, ref insideKey, spans);
        DropInsideTokens(window, spans, first);
    }

    private void FindAll(ReadOnlySpan<byte> window, int skip, int pemLimit, ref bool insideKey, List<SecretSpan> spans)
    {
        var rented = ArrayPool<char>.Shared.Rent(window.Length);
        try
        {
            var chars = rented.AsSpan(0, window.Length);
            Encoding.Latin1.GetChars(window, chars);
            _needles.FindAll(chars, spans);
            // One pass over the bytes says whether the slower views are needed at all: ESC (terminal colours), NUL (UTF-16).
            var special = window.IndexOfAny((byte)0x1b, (byte)0);
            var view = special >= 0 && window[special..].Contains((byte)0x1b) ? TextView.WithoutControls(chars) : null;
            if (view is null)
            {
                FindInView(chars, skip, pemLimit, ref insideKey, spans, window);
            }
            else
            {
                var found = new List<SecretSpan>();
                FindInView(view.Span, view.FromWindow(skip), view.FromWindow(pemLimit), ref insideKey, found);
                AddMapped(view, found, window.Length, spans);
            }

            if (special >= 0 && window.Length >= 8 && window[special..].Contains((byte)0) && window.Count((byte)0) * 4 >= window.Length)
            {
                FindInUtf16(window, spans);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>UTF-16 output (Windows tools, <c>iconv -t utf-16le</c>): the same rules and known values on its code units.</summary>
    private void FindInUtf16(ReadOnlySpan<byte> window, List<SecretSpan> spans)
    {
        for (var parity = 0; parity < 2; parity++)
        {
            var view = TextView.Utf16(window, parity);
            if (view is null)
            {
                continue;
            }

            var found = new List<SecretSpan>();
            _needles.FindAll(view.Span, found);
            var noKey = false;
            FindInView(view.Span, 0, 0, ref noKey, found);
            AddMapped(view, found, window.Length, spans);
        }
    }

    private static void AddMapped(TextView view, List<SecretSpan> found, int windowLength, List<SecretSpan> spans)
    {
        foreach (var span in found)
        {
            if (span.Length == 0 || span.Start >= view.Length)
            {
                continue;
            }

            var (start, end) = view.ToWindow(span.Start, Math.Min(span.End, view.Length), windowLength);
            spans.Add(span with { Start = start, Length = end - start, Encoding = view.Encoding });
        }
    }

    /// <param name="latin1">The bytes <paramref name="chars"/> were widened from, when they were (the gate reads them faster).</param>
    private void FindInView(ReadOnlySpan<char> chars, int skip, int pemLimit, ref bool insideKey, List<SecretSpan> spans, ReadOnlySpan<byte> latin1 = default)
    {
        // The markers are ASCII: bytes without either (the common case) need no look at the characters.
        if (pemLimit > skip && (insideKey || latin1.Length != chars.Length || MayHoldKeyMarker(latin1[skip..pemLimit])))
        {
            var keyStart = spans.Count;
            PemScanner.Scan(chars[skip..pemLimit], ref insideKey, spans);
            for (var i = keyStart; i < spans.Count; i++)
            {
                spans[i] = spans[i] with { Start = spans[i].Start + skip };
            }
        }

        // Reused per thread (stdout and stderr are redacted on two): a window allocates no lists of its own.
        var anchors = t_anchors ??= new List<(int Rule, int Position)>(1024);
        anchors.Clear();
        bool[]? triggered = null;
        if (latin1.Length == chars.Length && !latin1.IsEmpty)
        {
            BuiltInRules.Gate.Mark(latin1, chars, ref triggered, _rules.Length, anchors);
        }
        else
        {
            BuiltInRules.Gate.Mark(chars, ref triggered, _rules.Length, anchors);
        }

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
                spans.Add(new SecretSpan(0, chars.Length, LimitRule));
            }

            foreach (var (id, pattern) in _userRules)
            {
                AddMatches(id, pattern, text!, null, spans);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Fail closed: a window a rule could not finish on is masked whole.
            spans.Add(new SecretSpan(0, chars.Length, LimitRule));
        }
    }

    /// <summary>
    /// Whether a key block's marker may start here: five dashes then B or E, in one vector pass (two span searches for
    /// the markers cost twice that, and a dash with a space ten bytes on, which one of them pairs, is common in logs).
    /// </summary>
    private static bool MayHoldKeyMarker(ReadOnlySpan<byte> text)
    {
        ref var start = ref MemoryMarshal.GetReference(text);
        var dash = Vector128.Create((byte)'-');
        var last = text.Length - 5 - Vector128<byte>.Count;
        var i = 0;
        for (; i <= last; i += Vector128<byte>.Count)
        {
            var first = Vector128.LoadUnsafe(ref start, (nuint)i);
            var fifth = Vector128.LoadUnsafe(ref start, (nuint)(i + 4));
            var after = Vector128.LoadUnsafe(ref start, (nuint)(i + 5));
            var hit = Vector128.Equals(first, dash) & Vector128.Equals(fifth, dash) & (Vector128.Equals(after, Vector128.Create((byte)'B')) | Vector128.Equals(after, Vector128.Create((byte)'E')));
            if (hit != Vector128<byte>.Zero)
            {
                return true;
            }
        }

        var rest = text[i..];
        return rest.IndexOf("-----B"u8) >= 0 || rest.IndexOf("-----E"u8) >= 0;
    }

    /// <summary>Text that is already a mask is never masked again, so redaction is idempotent.</summary>
    private static void DropInsideTokens(ReadOnlySpan<byte> window, List<SecretSpan> spans, int first)
    {
        if (spans.Count == first)
        {
            return;
        }

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

        var coveredUntil = t_coveredUntil ??= new int[_rules.Length];
        var attempts = t_attempts ??= new int[_rules.Length];
        Array.Clear(coveredUntil);
        Array.Clear(attempts);
        foreach (var (rule, position) in anchors)
        {
            if (position < coveredUntil[rule])
            {
                continue;
            }

            if (_rules[rule].Detector is { } detector)
            {
                // Rule ids inside a mask ([REDACTED:secret-pair:…]) are no names, and a mask is no value.
                if (InsideMask(text, position))
                {
                    continue;
                }

                // A detector's attempt is bounded by a few lines, so it needs no budget of attempts.
                var before = spans.Count;
                var end = detector.Detect(text, position, _rules[rule].Id, spans);
                coveredUntil[rule] = Math.Max(coveredUntil[rule], end);
                DropAllowed(text, spans, before);
                continue;
            }

            if (++attempts[rule] > MaxAnchoredAttempts)
            {
                return false;
            }

            var match = _rules[rule].Pattern.Match(text, position);
            if (match.Success)
            {
                coveredUntil[rule] = Math.Max(match.Index + match.Length, AddMatch(match, text, _rules[rule], spans));
            }
        }

        return true;
    }

    private static bool InsideMask(string text, int position)
    {
        var from = Math.Max(0, position - 64);
        var open = text.LastIndexOf("[REDACTED:", position, position - from + 1, StringComparison.Ordinal);
        return open >= 0 && text.IndexOf(']', open, position - open) < 0;
    }

    private void DropAllowed(string text, List<SecretSpan> spans, int from)
    {
        for (var i = spans.Count - 1; i >= from; i--)
        {
            if (IsAllowed(text.AsSpan(spans[i].Start, spans[i].Length)))
            {
                spans.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Where a find really ends: patterns bound their repetitions, so a value that filled the bound is followed to its
    /// end (the closing quote, or the last value character), however long it is.
    /// </summary>
    private static int ExtendedEnd(ReadOnlySpan<char> text, int start, int end, SecretRule? rule)
    {
        if (rule is null)
        {
            return end;
        }

        if (rule.ExtendOver.Length > 0)
        {
            while (end < text.Length && rule.ExtendOver.Contains(text[end]))
            {
                end++;
            }

            return end;
        }

        if (!rule.IsGeneric || end - start < BuiltInRules.MaxValueLength)
        {
            return end;
        }

        var quote = start > 0 && text[start - 1] is '"' or '\'' ? text[start - 1] : '\0';
        while (end < text.Length && text[end] is not ('\n' or '\r')
            && (quote != '\0' ? text[end] != quote : !char.IsWhiteSpace(text[end]) && "\"'`,;<>()[]{}\\".IndexOf(text[end]) < 0))
        {
            end++;
        }

        return end;
    }

    private void AddWholeMatches(SecretRule rule, ReadOnlySpan<char> chars, List<SecretSpan> spans)
    {
        // A find extended to the end of its value covers what follows: matches inside it are not looked at again, so
        // extending stays linear.
        var covered = 0;
        foreach (var match in rule.Pattern.EnumerateMatches(chars))
        {
            if (match.Index < covered || match.Length == 0 || IsAllowed(chars.Slice(match.Index, match.Length))
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

            covered = ExtendedEnd(chars, match.Index, match.Index + match.Length, rule);
            spans.Add(new SecretSpan(start, covered - start, rule.Id));
        }
    }

    private void AddMatches(string id, Regex pattern, string text, SecretRule? rule, List<SecretSpan> spans)
    {
        var covered = 0;
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            if (match.Index >= covered)
            {
                covered = Math.Max(covered, AddMatch(match, text, rule, spans, id));
            }
        }
    }

    /// <summary>Adds the find of one match, if it is one; returns where it ends (-1 when it is not a find).</summary>
    private int AddMatch(Match match, string text, SecretRule? rule, List<SecretSpan> spans, string? id = null)
    {
        var group = match.Groups["secret"];
        var secret = group.Success ? (System.Text.RegularExpressions.Capture)group : match;
        if (secret.Length == 0 || (rule is { IsGeneric: true } && Placeholders.IsPlaceholder(secret.ValueSpan)) || IsAllowed(secret.ValueSpan))
        {
            return -1;
        }

        if (rule is { NotAfter.Length: > 0 } && match.Index > 0 && rule.NotAfter.Contains(text[match.Index - 1], StringComparison.Ordinal))
        {
            return -1;
        }

        if (rule is { FlagName: true } && !EndsFlagName(text, match.Index))
        {
            return -1;
        }

        if (rule is { ChecksName: true } && IsNotSecretName(text, match.Index))
        {
            return -1;
        }

        // The ';' of an XML entity (&quot;PWD=… in a test report) separates no connection-string field.
        if (text[match.Index] == ';' && EndsXmlEntity(text, match.Index))
        {
            return -1;
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

        var end = ExtendedEnd(text, secret.Index, secret.Index + secret.Length, rule);
        spans.Add(new SecretSpan(start, end - start, id ?? rule!.Id));
        return end;
    }

    private static bool EndsXmlEntity(string text, int semicolon)
    {
        var at = semicolon;
        while (at > 0 && semicolon - at < 8 && (char.IsAsciiLetterOrDigit(text[at - 1]) || text[at - 1] == '#'))
        {
            at--;
        }

        return at > 0 && at < semicolon && text[at - 1] == '&';
    }

    private static bool IsNotSecretName(string text, int at)
    {
        var (start, end) = Detectors.TextLines.NameAround(text, at);
        return end > start && SecretNames.Classify(text.AsSpan(start, end - start)) == NameStrength.None;
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
}
