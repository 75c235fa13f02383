using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Options;

/// <summary>
/// Where <c>resume</c> picks an interrupted run up: the recorded calls answered without effect (the trace is the
/// checkpoint), and the call made again live, if the run stopped inside one.
/// </summary>
/// <param name="ParentBundle">The interrupted run's bundle, whose checks and artifacts the answered calls carry over.</param>
/// <param name="Replayed">The recorded calls answered from the recording, in order.</param>
/// <param name="MadeAgain">The first call made live again, and why: it had no result (<c>unfinished</c>), or it was cut short (<c>cancelled</c>, <c>budget</c>).</param>
public sealed record ResumePoint(string ParentBundle, string ParentRunId, IReadOnlyList<RecordedCall> Replayed, RecordedCall? MadeAgain, string? Why)
{
    /// <summary>bundle.json's <c>resumed</c> and the <c>run.resume</c> trace event.</summary>
    public JsonObject ToJson() => new()
    {
        ["run_id"] = ParentRunId,
        ["after_seq"] = Replayed.Count > 0 ? Replayed[^1].Seq : 0,
        ["replayed_syscalls"] = Replayed.Count,
        ["made_again"] = MadeAgain is null ? null : new JsonObject
        {
            [BundleFields.Seq] = MadeAgain.Seq,
            ["syscall"] = MadeAgain.Name,
            ["why"] = Why,
        },
    };
}
