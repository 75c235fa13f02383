using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Runs;

/// <summary>Reads back checks.jsonl, for <c>end</c>, which decides a run from what all of its steps recorded.</summary>
internal static class CheckRecords
{
    public static IReadOnlyList<CheckSummary> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var result = new List<CheckSummary>();
        foreach (var line in File.ReadLines(path))
        {
            // A step that died mid-write can leave a torn last line; what it did not finish is not a record.
            if (line.Length == 0 || !TryParse(line, out var record))
            {
                continue;
            }

            result.Add(new CheckSummary(
                record["name"]!.GetValue<string>(),
                record["attempt"]!.GetValue<int>(),
                record["status"]!.GetValue<string>(),
                record["required"]!.GetValue<bool>(),
                record["exit_code"]!.GetValue<int>(),
                record["seq"]!.GetValue<long>()));
        }

        return [.. result.OrderBy(c => c.Seq)];
    }

    private static bool TryParse(string line, out JsonObject record)
    {
        try
        {
            record = JsonNode.Parse(line)!.AsObject();
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            record = [];
            return false;
        }
    }
}
