namespace Dotlanth.Evidence.Redaction;

/// <summary>Finds known byte sequences: leftmost first, and the longest where several start at the same place.</summary>
internal sealed class NeedleMatcher
{
    private readonly Needle[] _needles;

    public NeedleMatcher(IReadOnlyCollection<Needle> needles)
    {
        _needles = [.. needles.OrderByDescending(n => n.Value.Length)];
        MaxLength = _needles.Length == 0 ? 0 : _needles[0].Value.Length;
    }

    public int MaxLength { get; }

    public bool IsEmpty => _needles.Length == 0;

    public void FindAll(ReadOnlySpan<byte> window, List<SecretSpan> spans)
    {
        if (_needles.Length == 0)
        {
            return;
        }

        Span<int> next = _needles.Length <= 64 ? stackalloc int[_needles.Length] : new int[_needles.Length];
        next.Fill(-2);
        var pos = 0;
        while (pos < window.Length)
        {
            var bestStart = -1;
            var best = -1;
            for (var i = 0; i < _needles.Length; i++)
            {
                if (next[i] == -1)
                {
                    continue;
                }

                if (next[i] < pos)
                {
                    var found = window[pos..].IndexOf(_needles[i].Value);
                    next[i] = found < 0 ? -1 : pos + found;
                    if (found < 0)
                    {
                        continue;
                    }
                }

                // A strictly earlier start wins; at an equal start the earlier (longer) needle stays.
                if (bestStart < 0 || next[i] < bestStart)
                {
                    bestStart = next[i];
                    best = i;
                }
            }

            if (best < 0)
            {
                return;
            }

            spans.Add(new SecretSpan(bestStart, _needles[best].Value.Length, _needles[best].RuleId));
            pos = bestStart + _needles[best].Value.Length;
        }
    }
}
