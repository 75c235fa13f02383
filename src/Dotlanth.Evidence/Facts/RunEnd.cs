using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Facts;

/// <summary>How and when a run ended, as bundle.json's top fields say it.</summary>
/// <param name="ExitCode">Null when no process told it (a run recovered after its owner died).</param>
public sealed record RunEnd(string RunId, Outcome Outcome, int? ExitCode, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);
