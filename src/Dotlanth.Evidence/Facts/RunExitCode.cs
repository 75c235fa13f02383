using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Facts;

/// <summary>The exit code of a run or step: its command's, the tool's own (<see cref="ExitCodes"/>), or 128 + the signal that cancelled it.</summary>
public static class RunExitCode
{
    public static int Of(Outcome outcome, bool inputRejected, Interrupt interrupt, VmResult? result)
    {
        ArgumentNullException.ThrowIfNull(interrupt);
        return outcome switch
        {
            Outcome.Cancelled => 128 + interrupt.Signal,
            Outcome.Error => ExitCodes.ToolError,
            _ when inputRejected => ExitCodes.Usage,
            // The program's status is passed on, but never as 0 for a run that is not verified.
            _ when result is { Status: VmStatus.Returned } && OutcomeRules.ExitCodeOf(result.Returned) is { } status and not 0 => status,
            Outcome.Blocked => ExitCodes.Usage,
            Outcome.Failed => 1,
            _ => 0,
        };
    }
}
