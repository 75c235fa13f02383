using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Host;

/// <summary>Where a replay left the recording: the seq, what was recorded there, and what the program did instead.</summary>
public sealed record ReplayDivergence(long Seq, int? Step, JsonObject? Expected, JsonObject? Actual, string Message)
{
    public JsonObject ToJson() => new()
    {
        [BundleFields.Seq] = Seq,
        ["step"] = Step,
        ["expected"] = Expected?.DeepClone(),
        ["actual"] = Actual?.DeepClone(),
        ["message"] = Message,
    };
}
