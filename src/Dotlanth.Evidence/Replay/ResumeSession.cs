using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Replay;

/// <summary>
/// <c>resume</c>: where an interrupted <c>exec</c> run is picked up. Its trace is the checkpoint: every call it
/// completed is answered from the recording without effect, and the program goes on live from the first call that did
/// not complete. A call with an attempt but no result may already have had its effect, so a side effect is made again
/// only when the user says so.
/// </summary>
public static class ResumeSession
{
    private static readonly string[] Resumable = [Outcome.Incomplete.ToWire(), Outcome.Cancelled.ToWire(), Outcome.Blocked.ToWire()];

    /// <summary>The options that resume the run in <paramref name="bundlePath"/>, on top of the front end's <paramref name="options"/>.</summary>
    /// <exception cref="EvidenceException">The run cannot be resumed, or its unfinished call may not be repeated.</exception>
    public static RunOptions Plan(string bundlePath, RunOptions options, bool reexecuteUnfinished, string? programOverride = null, string? overrideFile = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (_, _, problems) = Verification.BundleIntegrity.Check(bundlePath);
        var id = Path.GetFileName(bundlePath);
        if (problems.Count > 0)
        {
            throw new EvidenceException(new EvidenceError(
                Codes.BundleInvalid,
                $"resume refused: {id} does not verify ({problems[0].File}: {problems[0].Message}), so its recording is no checkpoint",
                "'dotnet evidence verify' lists every problem"));
        }

        var manifest = BundleLines.Document(bundlePath, BundleLayout.Manifest)!;
        var snapshot = BundleLines.Document(bundlePath, BundleLayout.InputSnapshot);
        var outcome = (string)manifest[BundleFields.Outcome]!;
        var errorCodes = BundleLines.Document(bundlePath, BundleLayout.Errors)?["errors"]?.AsArray().Select(e => (string?)e?["code"]).ToList() ?? [];
        var budget = errorCodes.FirstOrDefault(c => c is Codes.StepBudgetExceeded or Codes.TimeBudgetExceeded);
        if (snapshot?["program"] is not JsonObject program || snapshot["inputs"]?["program_file"] is null || manifest["agent"] is JsonObject)
        {
            throw Refused($"run {id} is not an exec run (resume picks up a DotVM program run with 'exec')", "start a new run");
        }

        if (!Resumable.Contains(outcome) || (outcome == Outcome.Blocked.ToWire() && budget is null))
        {
            throw Refused($"run {id} ended {outcome}; resume takes an exec run that ended incomplete, cancelled, or blocked by a budget", "run the program again with 'exec'");
        }

        var maxSteps = (long?)manifest["budgets"]?["max_steps"] ?? Interpreter.DefaultStepBudget;
        if (budget == Codes.StepBudgetExceeded && options.MaxSteps <= maxSteps)
        {
            throw Refused($"run {id} used its whole step budget of {maxSteps}; the resumed program counts its steps from the start again", $"give --max-steps above {maxSteps}");
        }

        var calls = RecordedCall.From(BundleLines.Read(bundlePath, BundleLayout.Trace), null);
        var cancelledChecks = BundleLines.Read(bundlePath, BundleLayout.Checks)
            .Where(c => (string?)c[BundleFields.Status] == Facts.CheckStatus.Cancelled).Select(c => (long)c[BundleFields.Seq]!).ToHashSet();
        var (replayed, madeAgain, why) = Split(calls, cancelledChecks);
        if (madeAgain is not null && why == "unfinished" && !reexecuteUnfinished && SyscallTable.ByNumber(madeAgain.Number) is { IsSafeToRepeat: false })
        {
            throw new EvidenceException(new EvidenceError(
                Codes.UnfinishedSideEffect,
                $"run {id} stopped inside seq {madeAgain.Seq}: {madeAgain.Name} {System.Text.Encoding.UTF8.GetString(Json.JsonText.ToLine(madeAgain.Args)).TrimEnd()} has an attempt but no result, so whether its effect happened is unknown",
                "check its effect yourself, then resume with --reexecute-unfinished to make the call again"));
        }

        if (replayed.FirstOrDefault(c => c.Result?["result"] is { } r && ValueJson.FindBounded(r) is not null) is { } bounded)
        {
            throw new EvidenceException(new EvidenceError(
                Codes.ReplayImpossible,
                $"run {id} cannot be resumed: the result of {bounded.Name} at seq {bounded.Seq} was stored bounded, so it cannot be handed back",
                "run the program again with 'exec'"));
        }

        return options with
        {
            ProgramText = programOverride ?? (string)program["text"]!,
            ProgramFile = overrideFile ?? (string?)snapshot["inputs"]?["program_file"] ?? "resumed.dasm",
            ProgramArguments = [.. snapshot["arguments"]?.AsArray().Select(a => (string)a!) ?? []],
            ParentRunId = (string)manifest[BundleFields.RunId]!,
            Resume = new ResumePoint(bundlePath, (string)manifest[BundleFields.RunId]!, replayed, madeAgain, why),
        };
    }

    /// <summary>The calls that completed, then the first that did not (and why): no result, or cut short by an interrupt or a budget.</summary>
    private static (List<RecordedCall> Replayed, RecordedCall? MadeAgain, string? Why) Split(List<RecordedCall> calls, HashSet<long> cancelledChecks)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var code = (string?)call.Result?["error"]?["code"];
            var why = call.Result is null ? "unfinished"
                : code == Codes.RunCancelled || cancelledChecks.Contains(call.Seq) ? "cancelled"
                : code is Codes.StepBudgetExceeded or Codes.TimeBudgetExceeded ? "budget"
                : null;
            if (why is not null)
            {
                return (calls[..i], call, why);
            }
        }

        return (calls, null, null);
    }

    private static EvidenceException Refused(string message, string hint) => new(new EvidenceError(Codes.ResumeRefused, "resume refused: " + message, hint));
}
