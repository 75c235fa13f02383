using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Facts;

/// <summary>The <c>steps</c> list of a stepped run's bundle.json, from the records its steps left in staging.</summary>
public static class StepRecords
{
    public static JsonArray List(IReadOnlyList<(int Step, JsonObject Record)> steps) => new([.. steps.Select(s => (JsonNode)new JsonObject
    {
        ["step"] = s.Step,
        ["outcome"] = s.Record["outcome"]!.DeepClone(),
        ["exit_code"] = s.Record["exit_code"]!.DeepClone(),
        ["started_at"] = s.Record["started_at"]!.DeepClone(),
        ["finished_at"] = s.Record["finished_at"]!.DeepClone(),
        ["duration_ms"] = s.Record["duration_ms"]!.DeepClone(),
        ["argv"] = s.Record["argv"]!.DeepClone(),
        ["checks"] = s.Record["checks"]!.DeepClone(),
        ["program"] = s.Record["program"]?.DeepClone(),
    })]);
}
