using System.Diagnostics;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>Wraps a host so every syscall leaves <c>syscall.attempt</c> and <c>syscall.result</c> events in the trace.</summary>
public sealed class RecordingHost(ISyscallHost inner, TraceLog trace, IRedactor redactor) : ISyscallHost
{
    /// <summary>The seq of the attempt being served, so the inner host can point records at it.</summary>
    public long CurrentAttemptSeq { get; private set; }

    public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        CurrentAttemptSeq = trace.Emit(TraceEvents.SyscallAttempt, new JsonObject
        {
            ["syscall"] = Describe(syscall),
            ["args"] = RecordedForm.Args(syscall, args, redactor),
        });
        var clock = Stopwatch.StartNew();
        try
        {
            var result = inner.Invoke(syscall, args);
            trace.Emit(TraceEvents.SyscallResult, new JsonObject
            {
                ["syscall"] = Describe(syscall),
                ["attempt_seq"] = CurrentAttemptSeq,
                [BundleFields.Status] = "ok",
                ["result"] = RecordedForm.Result(syscall, result, redactor),
                [BundleFields.DurationMs] = clock.ElapsedMilliseconds,
            });
            return result;
        }
        catch (ReplayDivergedException diverged)
        {
            // Resume: the program left the recording here; the attempt still gets its result, and the run stops.
            Fault(syscall, Diagnostics.Codes.ReplayDiverged, diverged.Message, clock.ElapsedMilliseconds);
            throw;
        }
        catch (VmFaultException fault)
        {
            Fault(syscall, fault.Code, fault.Message, clock.ElapsedMilliseconds);
            throw;
        }
    }

    private void Fault(SyscallInfo syscall, string code, string message, long durationMs) => trace.Emit(TraceEvents.SyscallResult, new JsonObject
    {
        ["syscall"] = Describe(syscall),
        ["attempt_seq"] = CurrentAttemptSeq,
        [BundleFields.Status] = "fault",
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        [BundleFields.DurationMs] = durationMs,
    });

    private static JsonObject Describe(SyscallInfo syscall) => new()
    {
        ["number"] = syscall.Number,
        ["name"] = syscall.Name,
        ["abi"] = SyscallTable.Abi,
        ["class"] = syscall.Class switch
        {
            SyscallClass.Pure => "pure",
            SyscallClass.NonDeterministic => "nondeterministic",
            _ => "side_effect",
        },
    };
}
