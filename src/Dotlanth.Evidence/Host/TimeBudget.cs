using System.Diagnostics;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>
/// budgets.max_minutes: checks get at most the time that is left, and a run past it stops as blocked. A step of an open
/// run starts with what earlier steps and the gaps between them already used.
/// </summary>
public sealed class TimeBudget(TimeSpan? limit, TimeSpan alreadyUsed = default)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>The timeout a check gets, and whether the budget (not the check's own timeout) set it.</summary>
    public (TimeSpan? Timeout, bool BudgetLimited) TimeoutFor(TimeSpan? own, string check)
    {
        if (limit is not { } max)
        {
            return (own, false);
        }

        var left = max - alreadyUsed - _clock.Elapsed;
        if (left <= TimeSpan.Zero)
        {
            throw Exceeded(check);
        }

        return own is { } t && t <= left ? (t, false) : (left, true);
    }

    /// <summary>How long a wait may last (null: no budget), or the fault when the budget is used up.</summary>
    public TimeSpan? Left(string waiting)
    {
        if (limit is not { } max)
        {
            return null;
        }

        var left = max - alreadyUsed - _clock.Elapsed;
        return left > TimeSpan.Zero ? left : throw ExceededWhile(waiting);
    }

    /// <summary>The budget ran out during a wait that is not a check (<paramref name="waiting"/>: "net.http.serve waited for a request").</summary>
    public VmFaultException ExceededWhile(string waiting) => new(
        Codes.TimeBudgetExceeded,
        $"the run used its whole time budget of {limit?.TotalMinutes:0.##} minute(s) while {waiting}",
        "raise budgets.max_minutes");

    public VmFaultException Exceeded(string check) => new(
        Codes.TimeBudgetExceeded,
        $"the run used its whole time budget of {limit?.TotalMinutes:0.##} minute(s) at check '{check}'",
        "raise budgets.max_minutes or speed the checks up");
}
