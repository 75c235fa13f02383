namespace Dotlanth.Evidence.Index;

/// <summary>One test case result of an indexed run: enough for flaky, history and slowest queries without the bundle.</summary>
public sealed record IndexedTest(string Check, string ClassName, string Name, string? File, int? Line, int Attempt, string Status, long? DurationMs, int Retries);
