using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Runs;

/// <summary>What a front end needs after a run: the outcome, the exit code to pass on, the sealed bundle and the errors.</summary>
public sealed record RunReport(Outcome Outcome, int ExitCode, SealedBundle Bundle, IReadOnlyList<EvidenceError> Errors);
