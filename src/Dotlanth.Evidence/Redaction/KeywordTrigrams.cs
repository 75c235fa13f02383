namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// The alphabet of the keyword gate: each character a keyword can match (case folded) gets a class of 6 bits, every
/// other character class 0, so three characters make an 18-bit index into a 32 KiB bitmap that stays in L1 cache.
/// The gate looks only at every second position: each keyword is registered by the two trigrams of four of its
/// characters (or of four around a shorter keyword, the outside ones any character), one of which always ends there.
/// </summary>
internal sealed class KeywordTrigrams
{
    public const int Bits = 18;
    public const int Mask = (1 << Bits) - 1;
    private const int MaxClass = 63;

    // Characters from the most to the least common in build and test logs (any other is rarer still): this breaks
    // ties between trigrams the log sample has as often (mostly never).
    private const string ByFrequency = " etaoinsrhdlcu0123456789mp./-fg:_wybvk=\"xjqz";

    private readonly byte[] _classes = new byte[256];
    private readonly Dictionary<int, int> _seen = [];

    public KeywordTrigrams(IEnumerable<string> keywords)
    {
        var next = 1;
        foreach (var c in keywords.SelectMany(k => k).Select(Fold).Where(c => c < 128).Distinct().Order())
        {
            // Past 63 characters classes are shared: the bitmap then lets more through, and the whole compare decides.
            var cls = (byte)Math.Min(next++, MaxClass);
            _classes[c] = cls;
            if (char.IsAsciiLetterLower(c))
            {
                _classes[char.ToUpperInvariant(c)] = cls;
            }
        }

        foreach (var line in LogSample.Lines)
        {
            var index = 0;
            foreach (var c in line + "\n")
            {
                index = ((index << 6) | ClassOf(c)) & Mask;
                _seen[index] = _seen.GetValueOrDefault(index) + 1;
            }
        }
    }

    /// <summary>The class of each byte read as Latin-1 (above ASCII all 0: no Latin-1 letter upper-cases to ASCII).</summary>
    public byte[] ByteClasses => _classes;

    /// <summary>The class of a character; one whose upper case is ASCII (<c>ſ</c> is <c>S</c> ignoring case) gets that letter's.</summary>
    public byte ClassOf(char c)
    {
        if (c < 128)
        {
            return _classes[c];
        }

        var upper = char.ToUpperInvariant(c);
        return upper < 128 ? _classes[upper] : (byte)0;
    }

    /// <summary>
    /// The indexes to register <paramref name="keyword"/> under, each with where its last character falls relative to
    /// the keyword's start (it may be just past the keyword, or before its end when the keyword is long): the two
    /// trigrams of the four characters (outside the keyword: any) seen least in the log sample. The fourth character
    /// of each (<c>Probe</c>, relative to the keyword's start) is checked before the keyword is compared.
    /// </summary>
    public IEnumerable<(int Index, int End, int Probe)> Register(string keyword)
    {
        var best = 0;
        var bestScore = double.MaxValue;
        for (var first = Math.Min(0, keyword.Length - 4); first <= Math.Max(0, keyword.Length - 4); first++)
        {
            var score = 0.0;
            for (var end = first + 2; end <= first + 3; end++)
            {
                var prior = 1.0;
                for (var i = end - 2; i <= end; i++)
                {
                    prior *= i < 0 || i >= keyword.Length ? ByFrequency.Length + 2 : Weight(keyword[i]);
                }

                score += IndexesEndingAt(keyword, end).Sum(index => _seen.GetValueOrDefault(index)) + (prior / 1e6);
            }

            if (score < bestScore)
            {
                bestScore = score;
                best = first;
            }
        }

        return [.. IndexesEndingAt(keyword, best + 2).Select(index => (index, best + 2, best + 3)), .. IndexesEndingAt(keyword, best + 3).Select(index => (index, best + 3, best))];
    }

    private IEnumerable<int> IndexesEndingAt(string keyword, int end)
    {
        IEnumerable<int> indexes = [0];
        for (var i = end - 2; i <= end; i++)
        {
            var at = i;
            indexes = at < 0 || at >= keyword.Length
                ? indexes.SelectMany(index => Enumerable.Range(0, MaxClass + 1).Select(any => (index << 6) | any))
                : indexes.Select(index => (index << 6) | ClassOf(keyword[at]));
        }

        return indexes.Distinct();
    }

    private static int Weight(char c)
    {
        var rank = ByFrequency.IndexOf(Fold(c), StringComparison.Ordinal);
        return rank < 0 ? 1 : ByFrequency.Length + 1 - rank;
    }

    private static char Fold(char c) => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
}
