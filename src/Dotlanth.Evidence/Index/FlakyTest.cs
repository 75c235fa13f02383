namespace Dotlanth.Evidence.Index;

/// <summary>
/// A test seen both failing and passing on one tested tree (or passing on a runner's retry): in how many trees, how
/// many failures and passes there, and the latest run where it failed.
/// </summary>
public sealed record FlakyTest(string Check, string ClassName, string Name, string? File, int? Line, long Trees, long Failures, long Passes, long RetriedPasses, DateTimeOffset? LastSeen, string? LastRun);
