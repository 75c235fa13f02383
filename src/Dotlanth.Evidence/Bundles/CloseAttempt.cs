namespace Dotlanth.Evidence.Bundles;

/// <summary>What asking an open run to close found: closed now, closed by someone else, or steps still running.</summary>
public sealed record CloseAttempt(bool Closed, bool AlreadyClosed, IReadOnlyList<int> Running, IReadOnlyList<int> Abandoned);
