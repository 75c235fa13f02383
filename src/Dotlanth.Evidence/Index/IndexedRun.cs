namespace Dotlanth.Evidence.Index;

/// <summary>One row of the index: what "show me the last failed run" needs without opening the bundle.</summary>
public sealed record IndexedRun(
    string Id,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    string Outcome,
    int? ExitCode,
    string? Commit,
    string? Branch,
    bool? Dirty,
    string? CiProvider,
    string? CiRunId,
    string? SpecId,
    string? SpecVersion,
    string Digest,
    string Path,
    long Bytes)
{
    public IReadOnlyList<IndexedCheck> Checks { get; init; } = [];

    /// <summary>The test cases of the run's checks (tests.jsonl).</summary>
    public IReadOnlyList<IndexedTest> Tests { get; init; } = [];

    /// <summary>
    /// What was tested: the commit, and for a dirty tree the digest of its recorded changes. Null when either is not
    /// known; then only the run's own attempts and retries can show a test to be flaky.
    /// </summary>
    public string? TreeState { get; init; }
}
