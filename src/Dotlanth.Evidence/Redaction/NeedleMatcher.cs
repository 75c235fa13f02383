using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Leftmost-longest literal replacement over bytes. A position is decided only once every needle that could
/// start there fits in the buffer, so the output never depends on where the input was split.
/// </summary>
internal sealed class NeedleMatcher
{
    private readonly Needle[] _needles;
    private readonly Action<string> _onHit;

    public NeedleMatcher(IReadOnlyCollection<Needle> needles, Action<string> onHit)
    {
        // Longest first so that, at one position, the longest needle wins.
        _needles = [.. needles.OrderByDescending(n => n.Value.Length)];
        _onHit = onHit;
        MaxLength = _needles.Length == 0 ? 0 : _needles[0].Value.Length;
    }

    public int MaxLength { get; }

    public bool IsEmpty => _needles.Length == 0;

    /// <summary>Writes the decided prefix of <paramref name="buffer"/> and returns how many bytes were consumed.</summary>
    public int Process(ReadOnlySpan<byte> buffer, bool final, IOutputSink output)
    {
        if (_needles.Length == 0)
        {
            output.Write(buffer);
            return buffer.Length;
        }

        var limit = final ? buffer.Length : Math.Max(0, buffer.Length - (MaxLength - 1));
        Span<int> next = _needles.Length <= 64 ? stackalloc int[_needles.Length] : new int[_needles.Length];
        next.Fill(-2);
        var pos = 0;
        while (pos < limit)
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
                    var found = buffer[pos..].IndexOf(_needles[i].Value);
                    next[i] = found < 0 ? -1 : pos + found;
                    if (found < 0)
                    {
                        continue;
                    }
                }

                // Strictly smaller start wins; equal start keeps the earlier (longer) needle.
                if (bestStart < 0 || next[i] < bestStart)
                {
                    bestStart = next[i];
                    best = i;
                }
            }

            if (best < 0 || bestStart >= limit)
            {
                break;
            }

            output.Write(buffer[pos..bestStart]);
            output.Write(_needles[best].Replacement);
            _onHit(_needles[best].RuleId);
            pos = bestStart + _needles[best].Value.Length;
        }

        var end = Math.Max(pos, limit);
        output.Write(buffer[pos..end]);
        return end;
    }
}
