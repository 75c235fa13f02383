using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>What one tool call of an agent session came to: the syscall's value, or its fault; the seq of its attempt; the check it ran, if any.</summary>
public sealed record ToolCallOutcome(Value Result, VmFaultException? Fault, long AttemptSeq, CheckSummary? Check);
