using System.Text;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// The two redacting sinks of one process (stdout and stderr), so a known secret written partly to one stream and
/// partly to the other is masked in both, whatever order the pipes deliver the parts in: whenever either stream
/// receives bytes, the unfinished last line of each stream is joined with the bytes the other still holds, and a known
/// value found across that junction is masked on both sides before either side is written. Both sinks write under one
/// lock, since the two pipes are drained on two threads.
/// </summary>
internal sealed class StreamPair(NeedleMatcher needles)
{
    private readonly List<SecretSpan> _found = [];
    private WindowedRedactingSink? _first;
    private WindowedRedactingSink? _second;
    private int _ended;
    private bool _finished;

    public object Gate { get; } = new();

    public void Join(WindowedRedactingSink first, WindowedRedactingSink second) => (_first, _second) = (first, second);

    /// <summary>Called under <see cref="Gate"/> after <paramref name="self"/> took new bytes and before it writes any.</summary>
    public void Check(WindowedRedactingSink self)
    {
        if (_first is null || _second is null || needles.LongestNeedle == 0)
        {
            return;
        }

        var other = ReferenceEquals(self, _first) ? _second : _first;
        if (other.IsEmpty)
        {
            // Most of the time one stream is quiet: nothing to join.
            return;
        }

        Junction(self, other);
        Junction(other, self);
    }

    /// <summary>Called under <see cref="Gate"/> when a stream ends: both are finished once both have ended.</summary>
    public void Ended(WindowedRedactingSink sink)
    {
        if (_first is null || _second is null)
        {
            sink.Finish();
            return;
        }

        // A flag per stream, so a stream ended twice is still one of two.
        _ended |= ReferenceEquals(sink, _first) ? 1 : 2;
        if (_ended == 3 && !_finished)
        {
            _finished = true;
            _first.Finish();
            _second.Finish();
        }
    }

    /// <summary>
    /// True when a line starting with <paramref name="line"/> may be the rest of a known value whose start has yet to
    /// arrive on the other stream (pipes deliver in any order): a flush holds such a line back until the stream ends.
    /// </summary>
    public bool MayFinishAValue(ReadOnlySpan<byte> line) => needles.EndsAStartOf(line, MinimumPart);

    /// <summary>True when a line ending with <paramref name="line"/> may be the start of a known value whose rest may arrive on the other stream.</summary>
    public bool MayStartAValue(ReadOnlySpan<byte> line) => needles.StartsAnEndOf(line, MinimumPart);

    /// <summary>A shorter rest of a value (two or three characters) would hold back ordinary lines for nothing.</summary>
    private const int MinimumPart = 4;

    private void Junction(WindowedRedactingSink left, WindowedRedactingSink right)
    {
        var reach = needles.LongestNeedle - 1;
        foreach (var (tail, tailOffset) in left.RecentLineEnds(reach, Boundaries))
        {
            foreach (var (head, headOffset) in right.RecentLineStarts(reach, Boundaries))
            {
                Join(left, tail, tailOffset, right, head, headOffset);
            }
        }
    }

    private void Join(WindowedRedactingSink left, ArraySegment<byte> tail, long tailOffset, WindowedRedactingSink right, ArraySegment<byte> head, long headOffset)
    {
        if (tail.Count == 0 || head.Count == 0)
        {
            return;
        }

        var chars = new char[tail.Count + head.Count];
        Encoding.Latin1.GetChars(tail, chars);
        Encoding.Latin1.GetChars(head, chars.AsSpan(tail.Count));
        _found.Clear();
        needles.FindAll(chars, _found);
        foreach (var span in _found)
        {
            if (span.Start < tail.Count && span.End > tail.Count)
            {
                left.Force(tailOffset + span.Start, tail.Count - span.Start, span.RuleId);
                right.Force(headOffset, span.End - tail.Count, span.RuleId);
            }
        }
    }

    /// <summary>How many of a stream's latest line ends (and starts) a junction is tried at.</summary>
    private const int Boundaries = 4;
}
