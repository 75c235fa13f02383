namespace Dotlanth.Evidence.Index;

/// <summary>The filters of <c>ls</c>; every one optional, newest runs first.</summary>
public sealed record RunQuery
{
    public string? Outcome { get; init; }

    /// <summary>A commit sha or a prefix of one (at least 4 hex digits).</summary>
    public string? Commit { get; init; }

    public string? Branch { get; init; }

    /// <summary>Runs that recorded a check of this name.</summary>
    public string? Check { get; init; }

    public DateTimeOffset? Since { get; init; }

    public int Limit { get; init; } = 20;
}
