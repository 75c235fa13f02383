namespace Dotlanth.Evidence.Bundles;

/// <summary>The kinds of trace.jsonl events (schemas/v1/trace.schema.json), spelled once for the writers and the readers (replay, inspect, recovery).</summary>
public static class TraceEvents
{
    public const string RunStart = "run.start";
    public const string RunFinish = "run.finish";
    public const string StepStart = "step.start";
    public const string StepFinish = "step.finish";
    public const string SyscallAttempt = "syscall.attempt";
    public const string SyscallResult = "syscall.result";
    public const string CapabilityDenied = "capability.denied";
    public const string SessionClient = "session.client";
    public const string SessionFinish = "session.finish";
    public const string RunResume = "run.resume";
}
