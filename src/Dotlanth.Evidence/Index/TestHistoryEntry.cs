namespace Dotlanth.Evidence.Index;

/// <summary>One result of one test in one run, for a test's history.</summary>
public sealed record TestHistoryEntry(string RunId, DateTimeOffset StartedAt, string? Commit, string Check, string ClassName, string Name, int Attempt, string Status, long? DurationMs, int Retries);
