namespace Dotlanth.Evidence.Redaction;

/// <summary>Overlapping finds become one mask over their union (fail closed), named after the leftmost, longest find.</summary>
internal static class SpanMerger
{
    public static void Merge(List<SecretSpan> spans)
    {
        if (spans.Count < 2)
        {
            return;
        }

        // Stable, so at an equal start and length the first finder wins: known values, then keys, then catalog order.
        var ordered = spans.OrderBy(static s => s.Start).ThenByDescending(static s => s.Length).ToList();
        spans.Clear();
        spans.AddRange(ordered);
        var write = 0;
        for (var read = 1; read < spans.Count; read++)
        {
            var current = spans[write];
            var next = spans[read];
            if (next.Start < current.End)
            {
                var end = Math.Max(current.End, next.End);
                spans[write] = current with { Length = end - current.Start, Counted = current.Counted || next.Counted };
            }
            else
            {
                spans[++write] = next;
            }
        }

        spans.RemoveRange(write + 1, spans.Count - write - 1);
    }
}
