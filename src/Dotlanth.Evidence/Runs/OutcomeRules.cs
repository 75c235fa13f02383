using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>DESIGN.md's outcome rules, in precedence order.</summary>
public static class OutcomeRules
{
    public static Outcome Decide(bool interrupted, bool toolFailed, bool inputRejected, VmResult? program, IReadOnlyList<CheckSummary> checks, bool requiredNeverRan = false)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (interrupted)
        {
            return Outcome.Cancelled;
        }

        if (toolFailed)
        {
            return Outcome.Error;
        }

        if (inputRejected || program is null || program.Status is VmStatus.Faulted or VmStatus.BudgetExceeded)
        {
            return Outcome.Blocked;
        }

        // Each required check counts by its latest attempt.
        var latest = checks.Where(c => c.Required).GroupBy(c => c.Name).Select(g => g.MaxBy(c => c.Attempt)!).ToList();
        if (latest.Any(c => c.Status == CheckStatus.Blocked))
        {
            return Outcome.Blocked;
        }

        if (requiredNeverRan || latest.Any(c => c.Status != CheckStatus.Passed))
        {
            return Outcome.Failed;
        }

        return program.Returned.Kind == ValueKind.Int && program.Returned.AsInt != 0 ? Outcome.Failed : Outcome.Verified;
    }
}
