using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Verification;

/// <summary>What verify found: the bundle's problems (it is invalid when there are any), then the gate's conditions.</summary>
public sealed record VerifyReport(string Path, string? RunId, string? Digest, IReadOnlyList<VerifyProblem> Problems, IReadOnlyList<GateCondition> Conditions)
{
    /// <summary>The bundle's outcome, as its manifest says (null when there is no readable manifest).</summary>
    public string? Outcome { get; init; }

    public const int GateMet = 0;
    public const int GateNotMet = 1;
    public const int Invalid = 2;

    public bool Valid => Problems.Count == 0;

    public bool Met => Valid && Conditions.All(c => c.Met);

    public int ExitCode => !Valid ? Invalid : Met ? GateMet : GateNotMet;

    public JsonObject ToJson() => new()
    {
        ["path"] = Path,
        [BundleFields.RunId] = RunId,
        ["digest"] = Digest,
        ["valid"] = Valid,
        ["gate_met"] = Met,
        [BundleFields.ExitCode] = ExitCode,
        ["problems"] = new JsonArray([.. Problems.Select(p => (JsonNode)new JsonObject { ["file"] = p.File, ["message"] = p.Message })]),
        ["conditions"] = new JsonArray([.. Conditions.Select(c => (JsonNode)new JsonObject { ["condition"] = c.Name, ["met"] = c.Met, ["detail"] = c.Detail })]),
    };

    /// <summary>Integrity first; the gate is only evaluated on a bundle that is whole.</summary>
    public static VerifyReport Of(string bundlePath, GatePolicy policy, DateTimeOffset now)
    {
        var (manifest, digest, problems) = BundleIntegrity.Check(bundlePath);
        var conditions = problems.Count == 0 && manifest is not null ? Gate.Evaluate(bundlePath, manifest, digest!, policy, now) : [];
        return new VerifyReport(bundlePath, (string?)manifest?[BundleFields.RunId], digest, problems, conditions) { Outcome = (string?)manifest?[BundleFields.Outcome] };
    }
}
