using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Facts;

/// <summary>
/// What a front end needs after a run, a step or an end: the outcome, the exit code to pass on, where the bundle is
/// and the errors. A step of an open run has no sealed bundle yet: <see cref="Sealed"/> is null and
/// <see cref="BundlePath"/> is the staging folder.
/// </summary>
public sealed record RunReport(Outcome Outcome, int ExitCode, string RunId, string BundlePath, IReadOnlyList<EvidenceError> Errors)
{
    public SealedBundle? Sealed { get; init; }

    /// <summary>The store the sealed bundle is to be pushed to, when the run has one.</summary>
    public string? PushTo { get; init; }

    /// <summary>The step number, when this was a step of an open run.</summary>
    public int? Step { get; init; }

    /// <summary>For a step: the check attempts it ran (the staging folder holds the other steps' too).</summary>
    public IReadOnlyList<CheckSummary> StepChecks { get; init; } = [];

    public static RunReport Of(Outcome outcome, int exitCode, SealedBundle bundle, IReadOnlyList<EvidenceError> errors)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new RunReport(outcome, exitCode, bundle.RunId, bundle.Path, errors) { Sealed = bundle };
    }
}
