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
}
