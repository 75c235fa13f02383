using Dotlanth.Evidence.Redaction.Catalog;

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

        // Sorted by start, longest first; at an equal start and length the first finder wins: known values, keys, then
        // the catalog's order (keyword-anchored rules are tried in text order, so the order spans were added in is not
        // the catalog's), then the user's rules. The index makes the sort stable without allocating.
        var order = new (int Start, int NegLength, int Rank, int Index)[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            order[i] = (spans[i].Start, -spans[i].Length, BuiltInRules.RankOf(spans[i].RuleId), i);
        }

        Array.Sort(order);
        var sorted = new SecretSpan[spans.Count];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = spans[order[i].Index];
        }

        spans.Clear();
        var current = sorted[0];
        for (var i = 1; i < sorted.Length; i++)
        {
            var next = sorted[i];
            if (next.Start < current.End)
            {
                current = current with { Length = Math.Max(current.End, next.End) - current.Start, Counted = current.Counted || next.Counted };
            }
            else
            {
                spans.Add(current);
                current = next;
            }
        }

        spans.Add(current);
    }
}
