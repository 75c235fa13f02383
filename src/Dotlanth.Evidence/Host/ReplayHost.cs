using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>
/// Answers every syscall from the recording and performs no effect: no process, no file, no clock, no randomness.
/// Each call must be the next recorded one, with the same syscall and the same arguments compared in redacted form.
/// With <see cref="Live"/> (resume), the calls after the recorded ones go to the live boundary instead.
/// </summary>
public sealed class ReplayHost(IReadOnlyList<RecordedCall> recorded, IRedactor redactor, int? step) : ISyscallHost
{
    private int _next;

    public int Answered => _next;

    /// <summary>Where calls go once every recorded one was answered; null (replay): there is nothing after the recording.</summary>
    public ISyscallHost? Live { get; init; }

    /// <summary>Told of each call answered from the recording, as it is answered (resume carries its check over).</summary>
    public Action<RecordedCall>? OnAnswered { get; init; }

    public RecordedCall? NextUnanswered => _next < recorded.Count ? recorded[_next] : null;

    public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        if (_next >= recorded.Count && Live is not null)
        {
            return Live.Invoke(syscall, args);
        }

        var actual = new JsonObject
        {
            ["syscall"] = syscall.Name,
            ["args"] = JsonRedaction.Redact(RecordedForm.Args(syscall, args, redactor), redactor),
        };
        if (_next >= recorded.Count)
        {
            var after = recorded.Count > 0 ? recorded[^1].Seq : 0;
            throw new ReplayDivergedException(new ReplayDivergence(after, step, null, actual, $"after seq {after} the recording has no more syscalls, but the program made {syscall.Name}"));
        }

        var expected = recorded[_next];
        if (expected.Number != syscall.Number || !JsonNode.DeepEquals(expected.Args, actual["args"]))
        {
            var what = expected.Number != syscall.Number ? $"{expected.Name} was recorded but the program made {syscall.Name}" : $"{syscall.Name} was called with other arguments";
            throw new ReplayDivergedException(new ReplayDivergence(expected.Seq, step, expected.Describe(), actual, $"seq {expected.Seq}: {what}"));
        }

        _next++;
        OnAnswered?.Invoke(expected);
        return expected.Result switch
        {
            null => throw new ReplayDivergedException(new ReplayDivergence(expected.Seq, step, expected.Describe(), actual, $"seq {expected.Seq}: the recording ends before this syscall returned")),
            { } result when (string?)result[BundleFields.Status] == "fault" => throw new VmFaultException((string)result["error"]!["code"]!, (string)result["error"]!["message"]!),
            { } result when ValueJson.FindBounded(result["result"]) is { } bounded => throw NotReplayable(expected, bounded),
            { } result => ValueJson.FromJson(result["result"]),
        };
    }

    /// <summary>A result stored bounded cannot be handed back: replay stops rather than invent the part it lacks.</summary>
    private static EvidenceException NotReplayable(RecordedCall call, JsonObject bounded) => new(new EvidenceError(
        Codes.ReplayImpossible,
        $"seq {call.Seq}: the recorded result of {call.Name} was stored bounded (the first {ValueJson.HeadBytes} of {bounded["bytes"]} bytes and their sha256), so replay cannot return it",
        $"values over {ValueJson.MaxWholeBytes} bytes are not kept whole in the trace; replay --live runs the program for real"));
}
