namespace Dotlanth.Evidence.TestReports;

/// <summary>One test case as its report states it; what the report does not say stays null (unknown), never guessed.</summary>
public sealed record TestCase
{
    public required string Name { get; init; }

    public required string Status { get; init; }

    /// <summary>The innermost suite the case sits in (a JUnit testsuite, a TRX test assembly, a CTRF suite).</summary>
    public string? Suite { get; init; }

    public string? ClassName { get; init; }

    /// <summary>The source file: as the report names it, or as found in the failure's stack when the report has none.</summary>
    public string? File { get; init; }

    /// <summary>1-based.</summary>
    public int? Line { get; init; }

    /// <summary>Null when the report has no duration for the case (not zero).</summary>
    public long? DurationMs { get; init; }

    public string? FailureType { get; init; }

    public string? Message { get; init; }

    /// <summary>The failure's stack or body, bounded (<see cref="Excerpt"/>).</summary>
    public string? Details { get; init; }

    /// <summary>The case's own stdout and stderr, bounded; kept for failing cases only.</summary>
    public string? Output { get; init; }

    /// <summary>Failed tries before the final status (JUnit rerunFailure/flakyFailure, CTRF retries).</summary>
    public int Retries { get; init; }

    /// <summary>Passed after failing within the same run of the runner.</summary>
    public bool Flaky => Status == TestStatus.Passed && Retries > 0;
}
