using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Facts;

/// <summary>The <c>steps</c> list of a stepped run's bundle.json, from the records its steps left in staging.</summary>
public static class StepRecords
{
    public static JsonArray List(IReadOnlyList<(int Step, JsonObject Record)> steps) => new([.. steps.Select(s => (JsonNode)new JsonObject
    {
        ["step"] = s.Step,
        [BundleFields.Outcome] = s.Record[BundleFields.Outcome]!.DeepClone(),
        [BundleFields.ExitCode] = s.Record[BundleFields.ExitCode]!.DeepClone(),
        [BundleFields.StartedAt] = s.Record[BundleFields.StartedAt]!.DeepClone(),
        [BundleFields.FinishedAt] = s.Record[BundleFields.FinishedAt]!.DeepClone(),
        [BundleFields.DurationMs] = s.Record[BundleFields.DurationMs]!.DeepClone(),
        ["argv"] = s.Record["argv"]!.DeepClone(),
        ["checks"] = s.Record["checks"]!.DeepClone(),
        ["program"] = s.Record["program"]?.DeepClone(),
    })]);
}
