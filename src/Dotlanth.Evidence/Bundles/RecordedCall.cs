using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>One syscall as the trace recorded it: its attempt (seq, syscall, args) and its result, if it got one.</summary>
public sealed record RecordedCall(long Seq, int Number, string Name, JsonArray Args, JsonObject? Result)
{
    public JsonObject Describe() => new() { [BundleFields.Seq] = Seq, ["syscall"] = Name, ["args"] = Args.DeepClone() };

    /// <summary>The attempt/result pairs of a trace, in order; <paramref name="step"/> picks one step of a run made of steps.</summary>
    public static List<RecordedCall> From(IReadOnlyList<JsonObject> trace, int? step)
    {
        var results = trace.Where(e => (string?)e["type"] == TraceEvents.SyscallResult).ToDictionary(e => (long)e["attempt_seq"]!);
        return [.. trace
            .Where(e => (string?)e["type"] == TraceEvents.SyscallAttempt && (int?)e["step"] == step)
            .Select(e => new RecordedCall(
                (long)e[BundleFields.Seq]!,
                (int)e["syscall"]!["number"]!,
                (string)e["syscall"]!["name"]!,
                e["args"]!.AsArray(),
                results.GetValueOrDefault((long)e[BundleFields.Seq]!)))];
    }
}
