namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// The alphabet of the keyword gate: each character a keyword can match (case folded) gets a class of 5 bits, every
/// other character class 0, so three characters make a 15-bit index into a 4 KiB bitmap, which leaves the L1 cache
/// to the window. The gate looks only at every second position: each keyword is registered under two of its
/// trigrams (around a short keyword, with any character outside it), one of which always ends there.
/// </summary>
internal sealed class KeywordTrigrams
{
    /// <summary>
    /// The gate looks at every second position, so each keyword is registered under two trigrams. (Every third, with
    /// three, read a third fewer characters but chose commoner trigrams for short keywords and was no faster; the
    /// gate's loop also carries one class from a step to the next, which only a stride of 2 allows.)
    /// </summary>
    public const int Stride = 2;

    public const int ClassBits = 5;
    public const int Bits = 3 * ClassBits;
    public const int Mask = (1 << Bits) - 1;
    private const int MaxClass = (1 << ClassBits) - 1;

    // Characters from the most to the least common in build and test logs (any other is rarer still): this breaks
    // ties between trigrams the log sample has as often (mostly never).
    private const string ByFrequency = " etaoinsrhdlcu0123456789mp./-fg:_wybvk=\"xjqz";

    private readonly byte[] _classes = new byte[256];
    private readonly Dictionary<int, int> _seen = [];

    public KeywordTrigrams(IEnumerable<string> keywords)
    {
        var used = keywords.SelectMany(k => k).Select(Fold).Where(c => c < 128).Distinct().ToList();
        // Digits share a class; the other characters get one each from the most common in logs on, and the rarest
        // share the last: a shared class lets more through the bitmap (the whole compare decides), and sharing it among
        // rare characters lets through little. A common character sharing one (a space) would let through much.
        var next = 1;
        if (used.Any(char.IsAsciiDigit))
        {
            var digits = (byte)next++;
            foreach (var digit in used.Where(char.IsAsciiDigit))
            {
                _classes[digit] = digits;
            }
        }

        foreach (var c in used.Where(c => !char.IsAsciiDigit(c)).OrderByDescending(Weight).ThenBy(c => c))
        {
            _classes[c] = (byte)Math.Min(next++, MaxClass);
            if (char.IsAsciiLetterLower(c))
            {
                _classes[char.ToUpperInvariant(c)] = _classes[c];
            }
        }

        foreach (var line in LogSample.Lines)
        {
            var index = 0;
            foreach (var c in line + "\n")
            {
                index = ((index << ClassBits) | ClassOf(c)) & Mask;
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
    /// The indexes to register <paramref name="keyword"/> under, each with where its trigram's last character falls
    /// relative to the keyword's start (<c>End</c>): for each remainder of <c>End</c> by <see cref="Stride"/>, the
    /// trigram seen least in the log sample, so wherever the keyword starts one of them ends on a position the gate
    /// looks at. A trigram may reach one character past either end of the keyword (there: any character).
    /// <c>Probe</c> is the keyword's rarest character outside the trigram (relative to its start; -1 for none), checked
    /// before the keyword is compared.
    /// </summary>
    public IEnumerable<(int Index, int End, int Probe)> Register(string keyword)
    {
        var best = new (int End, double Score)[Stride];
        Array.Fill(best, (0, double.MaxValue));
        // One character past either end is enough for two places of different parity from two characters on; more would
        // register 1,024 indexes a trigram, and scoring them all at start-up cost tens of milliseconds.
        var outside = keyword.Length >= 2 ? 1 : 2;
        for (var end = 2 - outside; end <= keyword.Length - 1 + outside; end++)
        {
            var prior = 1.0;
            for (var i = end - 2; i <= end; i++)
            {
                prior *= i < 0 || i >= keyword.Length ? ByFrequency.Length + 2 : Weight(keyword[i]);
            }

            // Outside characters count as any: the sample's counts of all their trigrams add up, so they are chosen
            // only where the keyword's own are commoner.
            var score = IndexesEndingAt(keyword, end).Sum(index => _seen.GetValueOrDefault(index)) + (prior / 1e6);
            ref var held = ref best[end % Stride];
            if (score < held.Score)
            {
                held = (end, score);
            }
        }

        return best.SelectMany(b => IndexesEndingAt(keyword, b.End).Select(index => (index, b.End, ProbeFor(keyword, b.End))));
    }

    private static int ProbeFor(string keyword, int end)
    {
        var probe = -1;
        for (var i = 0; i < keyword.Length; i++)
        {
            if ((i < end - 2 || i > end) && (probe < 0 || Weight(keyword[i]) < Weight(keyword[probe])))
            {
                probe = i;
            }
        }

        return probe;
    }

    private IEnumerable<int> IndexesEndingAt(string keyword, int end)
    {
        IEnumerable<int> indexes = [0];
        for (var i = end - 2; i <= end; i++)
        {
            var at = i;
            indexes = at < 0 || at >= keyword.Length
                ? indexes.SelectMany(index => Enumerable.Range(0, MaxClass + 1).Select(any => (index << ClassBits) | any))
                : indexes.Select(index => (index << ClassBits) | ClassOf(keyword[at]));
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
