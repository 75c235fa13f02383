using System.Text;
using DiffPlex;

namespace Dotlanth.Evidence.Comparison;

/// <summary>A unified diff (3 lines of context, <c>@@</c> hunks) of two texts, from DiffPlex's line diff.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>Null when the texts are the same.</summary>
    public static string? Of(string before, string after, string beforeName, string afterName)
    {
        var result = new Differ().CreateLineDiffs(before, after, ignoreWhitespace: false);
        if (result.DiffBlocks.Count == 0)
        {
            return null;
        }

        var a = result.PiecesOld;
        var b = result.PiecesNew;
        var text = new StringBuilder().Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
        var blocks = result.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Blocks closer than twice the context share one hunk.
            var last = i;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * Context)
            {
                last++;
            }

            var startA = Math.Max(0, blocks[i].DeleteStartA - Context);
            var startB = Math.Max(0, blocks[i].InsertStartB - Context);
            var endA = Math.Min(a.Length, blocks[last].DeleteStartA + blocks[last].DeleteCountA + Context);
            var endB = Math.Min(b.Length, blocks[last].InsertStartB + blocks[last].InsertCountB + Context);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@\n");
            var posA = startA;
            for (var k = i; k <= last; k++)
            {
                var block = blocks[k];
                for (; posA < block.DeleteStartA; posA++)
                {
                    text.Append(' ').Append(a[posA]).Append('\n');
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    text.Append('-').Append(a[block.DeleteStartA + d]).Append('\n');
                }

                for (var n = 0; n < block.InsertCountB; n++)
                {
                    text.Append('+').Append(b[block.InsertStartB + n]).Append('\n');
                }

                posA = block.DeleteStartA + block.DeleteCountA;
            }

            for (; posA < endA; posA++)
            {
                text.Append(' ').Append(a[posA]).Append('\n');
            }

            i = last + 1;
        }

        return text.ToString();
    }
}
