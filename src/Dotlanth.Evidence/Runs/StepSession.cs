using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Checks;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Host;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// <c>run --into ID</c> (or with EVIDENCE_RUN_ID set): one step of an open run. Its checks append to the run's
/// checks.jsonl and trace.jsonl and capture into the run's folder, numbered by the run, so parallel steps lose nothing.
/// The budgets are the run's: the time since <c>begin</c> and the DotVM steps earlier steps used count.
/// </summary>
public static class StepSession
{
    public static RunReport Execute(RunOptions options, RunConsole console, Interrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(interrupt);
        var env = options.Environment ?? ProcessEnvironment.Read();
        var run = OpenRun.Find(StoreLocation.Of(options), options.Into!, out var notOpen);
        var step = run?.StartStep(out notOpen);
        if (run is null || step is not { } number)
        {
            // Nothing is run, and the refusal is not lost: a bundle of its own says why.
            var refusal = notOpen! with { Message = $"cannot append to run {options.Into}: {notOpen.Message}" };
            return RunSession.Execute(options with { Into = null, InputErrors = options.InputErrors.Add(refusal) }, console, interrupt);
        }

        var session = run.ReadSession();
        var (startedAt, maxSteps, maxDuration) = BeginSession.Budgets(session);
        var usedSteps = run.VmStepsUsed();
        options = options with { MaxSteps = Math.Max(0, maxSteps - usedSteps), MaxDuration = maxDuration };
        var (redactor, redactionError) = ProgramStep.CreateRedactor(env, options.Redaction, run.ReadKey());
        options = ProgramStep.WithSafeNames(options, redactor);
        var bundle = BundleWriter.Join(run, redactor);
        var errors = new RunErrors();
        var inputErrors = ProgramStep.Validate(options, redactor, redactionError);
        foreach (var error in inputErrors)
        {
            errors.Add(error);
        }

        var trace = new TraceLog(run, redactor, TimeProvider.System, number);
        var runner = new CheckRunner(bundle, new SharedJsonLines(run, BundleLayout.Checks, redactor), new SharedJsonLines(run, BundleLayout.Tests, redactor), errors, console, interrupt, run.NextAttempt);
        var stepStarted = DateTimeOffset.UtcNow;
        JsonObject? input = null;
        VmProgram? program = null;
        StoredProgram? stored = null;
        VmResult? result = null;
        var toolFailed = false;
        var denied = false;
        try
        {
            trace.Emit(TraceEvents.StepStart, new JsonObject
            {
                ["front_end"] = options.FrontEnd,
                ["pid"] = Environment.ProcessId,
                ["checks"] = new JsonArray([.. options.Checks.Select(c => (JsonNode)JsonValue.Create(c.Name))]),
            });
            if (inputErrors.IsEmpty)
            {
                (program, stored) = ProgramStep.Build(options, redactor);
                input = ProgramStep.Input(program.Abi, stored, options, redactor);
                var budget = new TimeBudget(options.MaxDuration, DateTimeOffset.UtcNow - startedAt);
                var workspace = new Workspace(RepoLocation.Find(options.WorkingDirectory).Root ?? options.WorkingDirectory);
                var ran = ProgramStep.Execute(program, runner, new SessionScope(options, env, redactor, console, bundle, trace, errors), budget, workspace, usedSteps);
                result = ran.Result;
                denied = ran.Capabilities.DeniedCount > 0;
            }
        }
        catch (Exception ex)
        {
            toolFailed = true;
            errors.Add(new EvidenceError(Codes.Internal, $"{ex.GetType().Name}: {ex.Message}", "run again with --verbose and report it if it persists"));
        }

        var outcome = OutcomeRules.Decide(interrupt.IsRaised, toolFailed, !inputErrors.IsEmpty, result, runner.Summaries, denied: denied);
        var exitCode = RunExitCode.Of(outcome, !inputErrors.IsEmpty, interrupt, result);
        var incident = OutcomeRules.Incident(interrupt.IsRaised, toolFailed, !inputErrors.IsEmpty, result) ?? (denied ? Outcome.Blocked : null);
        trace.Emit(TraceEvents.StepFinish, new JsonObject { [BundleFields.Outcome] = outcome.ToWire(), [BundleFields.ExitCode] = exitCode });
        var finishedAt = DateTimeOffset.UtcNow;
        run.FinishStep(number, new JsonObject
        {
            ["step"] = number,
            ["pid"] = Environment.ProcessId,
            [BundleFields.StartedAt] = Timestamps.Format(stepStarted),
            [BundleFields.FinishedAt] = Timestamps.Format(finishedAt),
            [BundleFields.DurationMs] = (long)(finishedAt - stepStarted).TotalMilliseconds,
            ["argv"] = new JsonArray([.. redactor.RedactArgv(options.Invocation).Select(a => (JsonNode)JsonValue.Create(a))]),
            [BundleFields.Outcome] = outcome.ToWire(),
            ["incident"] = incident?.ToWire(),
            [BundleFields.ExitCode] = exitCode,
            ["signal"] = interrupt.IsRaised ? interrupt.Signal : null,
            ["checks"] = runner.Summaries.Count,
            ["input"] = input,
            ["program"] = Manifest.Program(program, stored, result, redactor),
            ["errors"] = new JsonArray([.. errors.All.Select(e => (JsonNode)(e with { Where = $"step {number}" + (e.Where is null ? string.Empty : ", " + e.Where) }).ToJson())]),
            [BundleFields.Missing] = RunControl.Missing(bundle),
            ["redaction"] = Manifest.Redaction(redactor.Summary()),
        }, result?.Steps ?? 0, redactor);
        var reported = errors.All.Select(e => e with { Message = redactor.Redact(e.Message) }).ToList();
        return new RunReport(outcome, exitCode, run.RunId, run.StagingPath, reported) { Step = number, StepChecks = runner.Summaries };
    }
}
