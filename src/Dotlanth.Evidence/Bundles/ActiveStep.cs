namespace Dotlanth.Evidence.Bundles;

/// <summary>The process running a step of an open run; the start time tells it apart from a later process with its pid.</summary>
public sealed record ActiveStep(int Pid, long StartTime);
