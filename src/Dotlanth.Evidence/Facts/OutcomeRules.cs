using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Facts;

/// <summary>DESIGN.md's outcome rules, in precedence order.</summary>
public static class OutcomeRules
{
    /// <param name="denied">A capability was denied, even if the program went on past it (<c>try</c>, or an agent session): still blocked.</param>
    public static Outcome Decide(bool interrupted, bool toolFailed, bool inputRejected, VmResult? program, IReadOnlyList<CheckSummary> checks, bool requiredNeverRan = false, bool denied = false)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (Incident(interrupted, toolFailed, inputRejected, program) is { } incident)
        {
            return incident;
        }

        if (denied)
        {
            return Outcome.Blocked;
        }

        var byChecks = FromChecks(checks, requiredNeverRan);
        return byChecks == Outcome.Verified && ExitCodeOf(program!.Returned) is > 0 ? Outcome.Failed : byChecks;
    }

    /// <summary>
    /// The exit status a returned value carries, or null when it carries none. An int from 0 to 255 is the exit code
    /// itself; any other int is a failure that no exit code can spell (negative, or 256 which would read as 0), so 1.
    /// true is 0 and false is 1. unit (halt), strings, bytes and lists are results, not statuses: null.
    /// </summary>
    public static int? ExitCodeOf(Value returned) => returned.Kind switch
    {
        ValueKind.Int => returned.AsInt is >= 0 and <= 255 ? (int)returned.AsInt : 1,
        ValueKind.Bool => returned.AsBool ? 0 : 1,
        _ => null,
    };

    /// <summary>What stopped a run or a step regardless of its checks: an interrupt, the tool failing, input or program refused.</summary>
    public static Outcome? Incident(bool interrupted, bool toolFailed, bool inputRejected, VmResult? program) => true switch
    {
        _ when interrupted => Outcome.Cancelled,
        _ when toolFailed => Outcome.Error,
        _ when inputRejected || program is null || program.Status is VmStatus.Faulted or VmStatus.BudgetExceeded => Outcome.Blocked,
        _ => null,
    };

    /// <summary>
    /// A run made of steps: the worst step incident (cancelled, then error, then blocked) decides; otherwise each
    /// required check counts by its latest attempt, whichever step ran it.
    /// </summary>
    public static Outcome DecideSteps(IEnumerable<Outcome> incidents, IReadOnlyList<CheckSummary> checks, bool requiredNeverRan)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(checks);
        var seen = incidents.ToHashSet();
        foreach (var worst in new[] { Outcome.Cancelled, Outcome.Error, Outcome.Blocked })
        {
            if (seen.Contains(worst))
            {
                return worst;
            }
        }

        return FromChecks(checks, requiredNeverRan);
    }

    /// <summary>The latest attempt of each required check.</summary>
    public static IReadOnlyList<CheckSummary> Latest(IReadOnlyList<CheckSummary> checks) =>
        [.. checks.Where(c => c.Required).GroupBy(c => c.Name).Select(g => g.MaxBy(c => c.Attempt)!).OrderBy(c => c.Seq)];

    private static Outcome FromChecks(IReadOnlyList<CheckSummary> checks, bool requiredNeverRan)
    {
        var latest = Latest(checks);
        if (latest.Any(c => c.Status == CheckStatus.Blocked))
        {
            return Outcome.Blocked;
        }

        return requiredNeverRan || latest.Any(c => c.Status != CheckStatus.Passed) ? Outcome.Failed : Outcome.Verified;
    }
}
