using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Facts;

/// <summary>The control records a session keeps in staging and the trace, so a run resumed or recovered after a crash still has them.</summary>
public static class RunControl
{
    /// <summary>The parts known to be missing so far.</summary>
    public static JsonArray Missing(BundleWriter bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new([.. bundle.Missing.Select(m => (JsonNode)new JsonObject { ["path"] = m.Path, ["code"] = m.Code, ["reason"] = m.Reason })]);
    }

    /// <summary>The trace's <c>run.start</c> event.</summary>
    public static JsonObject Start(string runId, string frontEnd) => new()
    {
        [BundleFields.RunId] = runId,
        ["tool"] = ToolInfo.ToJson(),
        ["front_end"] = frontEnd,
    };
}
