namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Whether a word looks like a generated secret rather than prose, an identifier, a number, a path or a date. Used
/// where only a nearby keyword marks a value, so <c>password reset flow</c> and <c>token refresh_v2</c> stay as they are.
/// </summary>
public static class SecretShape
{
    public const int MinimumLength = 8;

    private const int WordLength = 4;

    private static readonly System.Buffers.SearchValues<char> DateChars = System.Buffers.SearchValues.Create("0123456789-:.TZ+_,");

    private static readonly System.Buffers.SearchValues<char> VersionChars = System.Buffers.SearchValues.Create("0123456789.-");

    public static bool IsLikely(ReadOnlySpan<char> value) => Words(value) >= 0;

    /// <summary>Like <see cref="IsLikely"/>, with at most one word in it: <c>node-cache-Linux-x64-7a4c…</c> is a cache key, not a secret.</summary>
    public static bool IsRandom(ReadOnlySpan<char> value) => Words(value) is 0 or 1;

    /// <summary>How many words a secret-shaped value holds, or -1 when it does not look like a secret.</summary>
    private static int Words(ReadOnlySpan<char> value)
    {
        if (value.Length < MinimumLength || Placeholders.IsPlaceholder(value) || value[0] is '-' or '.' or '~'
            || value.Contains("://", StringComparison.Ordinal) || IsDateOrNumber(value) || HasReference(value))
        {
            return -1;
        }

        // A hex key or digest-shaped token: random however few letters it happens to have.
        if (value.Length >= 16 && value.IndexOfAnyExcept(HexChars) < 0 && value.IndexOfAnyInRange('a', 'f') >= 0 && value.IndexOfAnyInRange('0', '9') >= 0)
        {
            return 0;
        }

        int letters = 0, digits = 0, others = 0, transitions = 0, wordChars = 0, words = 0, run = 0, vowels = 0;
        var previous = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : ' ';
            var kind = char.IsAsciiLetterLower(c) ? 0 : char.IsAsciiLetterUpper(c) ? 1 : char.IsAsciiDigit(c) ? 2 : 3;
            if (i < value.Length)
            {
                letters += kind < 2 ? 1 : 0;
                digits += kind == 2 ? 1 : 0;
                others += kind == 3 ? 1 : 0;
                transitions += previous >= 0 && kind != previous ? 1 : 0;
            }

            // A word: a run of lower-case letters (after an optional capital) long enough and with vowels enough to say.
            if (kind == 0 || (kind == 1 && run == 0))
            {
                run++;
                vowels += "aeiouyAEIOUY".Contains(c, StringComparison.Ordinal) ? 1 : 0;
            }
            else
            {
                if (run >= WordLength && vowels * 4 >= run)
                {
                    words++;
                    wordChars += run;
                }

                (run, vowels) = (kind == 1 ? 1 : 0, kind == 1 && "AEIOUY".Contains(c, StringComparison.Ordinal) ? 1 : 0);
            }

            previous = kind;
        }

        // Random text changes kind often and uses many different characters; identifiers and words do neither.
        var varied = transitions * 4 >= value.Length || (value.Length >= 16 && wordChars * 2 <= value.Length && Distinct(value) * 2 >= Math.Min(value.Length, 32));
        // Lower-case words between separators are a path or an identifier (build/out/bin, no-cache), not a key.
        if (LowerCaseSegments(value) >= 2)
        {
            return -1;
        }

        // A path is made of words between its slashes; base64 may start with a slash too, but has no words.
        var path = value[0] == '/' && words * 2 >= value.Count('/');
        var random = letters > 0 && digits + others > 0 && varied && !path && !(words >= 2 && wordChars * 2 > value.Length);
        return random ? words : -1;
    }

    private static bool HasReference(ReadOnlySpan<char> value) =>
        value.Contains("${", StringComparison.Ordinal) || value.Contains("$(", StringComparison.Ordinal) || value.Contains("{{", StringComparison.Ordinal);

    private static readonly System.Buffers.SearchValues<char> HexChars = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static int LowerCaseSegments(ReadOnlySpan<char> value)
    {
        int segments = 0, start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || !char.IsAsciiLetterOrDigit(value[i]))
            {
                var segment = value[start..i];
                segments += segment.Length >= 2 && segment.IndexOfAnyExceptInRange('a', 'z') < 0 ? 1 : 0;
                start = i + 1;
            }
        }

        return segments;
    }

    private static int Distinct(ReadOnlySpan<char> value)
    {
        Span<bool> seen = stackalloc bool[128];
        var count = 0;
        foreach (var c in value)
        {
            if (c < 128 && !seen[c])
            {
                seen[c] = true;
                count++;
            }
        }

        return count;
    }

    private static bool IsDateOrNumber(ReadOnlySpan<char> value) =>
        value.IndexOfAnyExcept(DateChars) < 0 || (value.Length > 1 && value[0] == 'v' && value[1..].IndexOfAnyExcept(VersionChars) < 0);
}
