using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Facts;

/// <summary>
/// The manifest's redaction block for a run made of several processes: hits add up; the rule and known-value
/// counts are the largest any process had (each process redacts with its own environment and options).
/// </summary>
internal static class RedactionTotals
{
    private static readonly string[] Largest = ["known_values", "dropped_short_values", "builtin_rules", "user_rules"];

    public static JsonObject Sum(JsonObject last, IEnumerable<JsonObject> earlier)
    {
        // Parsed back so every number reads as a long, however it was built.
        var total = JsonNode.Parse(last.ToJsonString())!.AsObject();
        var hits = total["hits"]!.AsObject();
        foreach (var part in earlier)
        {
            foreach (var (rule, count) in part["hits"]!.AsObject())
            {
                hits[rule] = (hits[rule]?.GetValue<long>() ?? 0) + count!.GetValue<long>();
            }

            foreach (var name in Largest)
            {
                total[name] = Math.Max(total[name]!.GetValue<long>(), part[name]!.GetValue<long>());
            }
        }

        total["hits"] = new JsonObject([.. hits.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => KeyValuePair.Create(h.Key, h.Value?.DeepClone()))]);
        return total;
    }
}
