namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// The text the rules read, as one char per position, and where each position came from in the window's bytes.
/// Terminal control sequences are left out (so a colour code between a name and its value changes nothing), and
/// UTF-16 text is read through its code units. A find in the view maps back to the bytes it covers.
/// </summary>
internal sealed class TextView
{
    private readonly int[]? _map;

    private TextView(char[] chars, int length, int[]? map, int unitWidth, int unitOffset, SpanEncoding encoding)
    {
        Chars = chars;
        Length = length;
        _map = map;
        UnitWidth = unitWidth;
        UnitOffset = unitOffset;
        Encoding = encoding;
    }

    public char[] Chars { get; }

    public int Length { get; }

    public int UnitWidth { get; }

    public int UnitOffset { get; }

    public SpanEncoding Encoding { get; }

    public ReadOnlySpan<char> Span => Chars.AsSpan(0, Length);

    /// <summary>The view of single-byte text with control sequences removed, or null when there are none.</summary>
    public static TextView? WithoutControls(ReadOnlySpan<char> chars)
    {
        if (chars.IndexOf('\u001b') < 0)
        {
            return null;
        }

        var kept = new char[chars.Length];
        var map = new int[chars.Length];
        var length = Strip(chars, kept, map, null);
        return new TextView(kept, length, map, 1, 0, SpanEncoding.Bytes);
    }

    /// <summary>
    /// The code units of UTF-16 text whose low (ASCII) byte sits at positions of <paramref name="parity"/>, or null when
    /// too few of them look like UTF-16. Non-ASCII units read as a character no rule matches.
    /// </summary>
    public static TextView? Utf16(ReadOnlySpan<byte> window, int parity)
    {
        var units = (window.Length - parity) / 2;
        if (units < 4)
        {
            return null;
        }

        int zerosAfter = 0, zerosBefore = 0;
        var raw = new char[units];
        var map = new int[units];
        for (var i = 0; i < units; i++)
        {
            var at = (2 * i) + parity;
            var low = window[at];
            var after = at + 1 < window.Length ? window[at + 1] : (byte)1;
            var before = at > 0 ? window[at - 1] : (byte)1;
            zerosAfter += low != 0 && after == 0 ? 1 : 0;
            zerosBefore += low != 0 && before == 0 ? 1 : 0;
            raw[i] = (char)low;
            map[i] = at;
        }

        var littleEndian = zerosAfter >= zerosBefore;
        if (Math.Max(zerosAfter, zerosBefore) * 2 < units)
        {
            return null;
        }

        for (var i = 0; i < units; i++)
        {
            var partner = littleEndian ? map[i] + 1 : map[i] - 1;
            if (partner >= 0 && partner < window.Length && window[partner] != 0)
            {
                raw[i] = '\u0100';
            }
        }

        var kept = new char[units];
        var keptMap = new int[units];
        var length = Strip(raw, kept, keptMap, map);
        return new TextView(kept, length, keptMap, 2, littleEndian ? 0 : -1, littleEndian ? SpanEncoding.Utf16LittleEndian : SpanEncoding.Utf16BigEndian);
    }

    /// <summary>The bytes of the window a find at view positions [start, end) covers.</summary>
    public (int Start, int End) ToWindow(int start, int end, int windowLength)
    {
        if (_map is null)
        {
            return (start, end);
        }

        var from = _map[start] + UnitOffset;
        var to = _map[end - 1] + UnitOffset + UnitWidth;
        return (Math.Max(0, from), Math.Min(windowLength, to));
    }

    /// <summary>The view position of the first char at or after window byte <paramref name="limit"/>.</summary>
    public int FromWindow(int limit)
    {
        if (_map is null)
        {
            return Math.Min(limit, Length);
        }

        var index = Array.BinarySearch(_map, 0, Length, limit);
        return index >= 0 ? index : ~index;
    }

    private static int Strip(ReadOnlySpan<char> chars, char[] kept, int[] map, int[]? inner)
    {
        var length = 0;
        for (var i = 0; i < chars.Length;)
        {
            var skip = chars[i] == '\u001b' ? ControlLength(chars, i) : 0;
            if (skip > 0)
            {
                i += skip;
                continue;
            }

            kept[length] = chars[i];
            map[length++] = inner is null ? i : inner[i];
            i++;
        }

        return length;
    }

    /// <summary>The length of the control sequence at <paramref name="at"/>: CSI (colours, cursor), OSC (titles, links), or a two-byte escape.</summary>
    private static int ControlLength(ReadOnlySpan<char> chars, int at)
    {
        if (at + 1 >= chars.Length)
        {
            return 1;
        }

        var next = chars[at + 1];
        if (next == '[')
        {
            var end = at + 2;
            while (end < chars.Length && end - at < 64 && chars[end] is >= '\u0020' and <= '\u003f')
            {
                end++;
            }

            return end < chars.Length && chars[end] is >= '\u0040' and <= '\u007e' ? end + 1 - at : 1;
        }

        if (next == ']')
        {
            var end = at + 2;
            while (end < chars.Length && end - at < 512)
            {
                if (chars[end] == '\u0007')
                {
                    return end + 1 - at;
                }

                if (chars[end] == '\u001b' && end + 1 < chars.Length && chars[end + 1] == '\\')
                {
                    return end + 2 - at;
                }

                end++;
            }

            return 1;
        }

        if (next is '(' or ')' && at + 2 < chars.Length)
        {
            return 3;
        }

        return next is >= '\u0030' and <= '\u007e' ? 2 : 1;
    }
}
