using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Checks;
using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Sealing;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// <c>end</c>: closes an open run to new steps, decides its outcome from every step (each required check by its
/// latest attempt), collects the declared artifacts and seals the bundle. Steps still running are waited for up to
/// <see cref="RunOptions.WaitForSteps"/>; a step whose process vanished is reported, and the run still seals.
/// </summary>
public static class EndSession
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws <see cref="EvidenceException"/> when there is no open run to end; nothing is written then.</summary>
    public static RunReport Execute(RunOptions options, RunConsole console, Interrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(interrupt);
        var env = options.Environment ?? ProcessEnvironment.Read();
        var run = OpenRun.Find(StoreLocation.Of(options), options.Into ?? string.Empty, out var notOpen) ?? throw new EvidenceException(notOpen!);
        var close = WaitAndClose(run, options.WaitForSteps, console, interrupt);
        var session = run.ReadSession();
        var errors = new RunErrors();
        var (config, configError) = LoadConfig(options, session);
        var (redactor, redactionError) = ProgramStep.CreateRedactor(env, config is null ? options.Redaction : ConfiguredRun.Merge(config.Redaction, options.Redaction), run.ReadKey());
        var bundle = BundleWriter.Join(run, redactor);
        var incidents = new List<Outcome>();
        foreach (var problem in new[] { configError, redactionError }.OfType<EvidenceError>())
        {
            errors.Add(problem);
            incidents.Add(Outcome.Blocked);
        }

        AddMissing(bundle, session[BundleFields.Missing]!.AsArray());
        IReadOnlyList<(int Step, JsonObject Record)> steps = [];
        IReadOnlyList<CheckSummary> checks = [];
        var facts = session["facts"]!.AsObject();
        try
        {
            steps = run.ReadSteps();
            RecordSteps(run.RunId, steps, close.Abandoned, bundle, errors, incidents);
            checks = CheckRecords.Read(run.StagingPath);
            if (config is not null && configError is null)
            {
                ArtifactCollector.CollectOrRecord(bundle, options with { Config = config }, checks, (string?)facts["repo"]?["root"], errors);
            }
        }
        catch (Exception ex)
        {
            // The run is closed by now: whatever broke, it still seals, saying what went wrong.
            errors.Add(new EvidenceError(Codes.Internal, $"{ex.GetType().Name}: {ex.Message}", "run again with --verbose and report it if it persists"));
            incidents.Add(Outcome.Error);
        }

        var expected = session["expected_checks"]!.AsArray().Where(c => c!["required"]!.GetValue<bool>()).Select(c => c!["name"]!.GetValue<string>());
        var neverRan = RequiredChecks.NeverRan(bundle, expected, checks, "no step of the run ran it");
        var outcome = OutcomeRules.DecideSteps(incidents, checks, neverRan.Count > 0);
        var exitCode = ExitCode(outcome, checks, steps);
        new TraceLog(run, redactor, TimeProvider.System, step: null).Emit(TraceEvents.RunFinish, new JsonObject { [BundleFields.Outcome] = outcome.ToWire(), [BundleFields.ExitCode] = exitCode });
        WriteInputSnapshot(bundle, steps);
        var (startedAt, _, _) = BeginSession.Budgets(session);
        var finishedAt = DateTimeOffset.UtcNow;
        var summaries = steps.Select(s => s.Record["redaction"]!.AsObject()).Prepend(session["redaction"]!.AsObject()).ToList();
        var sealedBundle = BundleClosing.Seal(
            bundle,
            errors,
            count => Manifest.Build(new RunEnd(run.RunId, outcome, exitCode, startedAt, finishedAt), facts, null, StepRecords.List(steps), checks, count),
            () => RedactionTotals.Sum(Manifest.Redaction(redactor.Summary()), summaries),
            console.Messages);
        return RunReport.Of(outcome, exitCode, sealedBundle, [.. errors.All.Select(e => e with { Message = redactor.Redact(e.Message) })])
            with { PushTo = options.PushTo ?? (string?)session["push_to"] ?? config?.RemoteStore };
    }

    /// <summary>Each finished step's errors, missing parts and incident; each abandoned step as an error.</summary>
    private static void RecordSteps(string runId, IReadOnlyList<(int Step, JsonObject Record)> steps, IReadOnlyList<int> abandoned, BundleWriter bundle, RunErrors errors, List<Outcome> incidents)
    {
        foreach (var (_, record) in steps)
        {
            foreach (var error in record["errors"]!.AsArray())
            {
                errors.Add(new EvidenceError(error!["code"]!.GetValue<string>(), error["message"]!.GetValue<string>(), (string?)error["hint"], (string?)error["where"]));
            }

            AddMissing(bundle, record[BundleFields.Missing]!.AsArray());
            if ((string?)record["incident"] is { } incident)
            {
                incidents.Add(OutcomeNames.Parse(incident));
            }
        }

        foreach (var step in abandoned)
        {
            errors.Add(new EvidenceError(Codes.StepAbandoned, $"step {step} ended without finishing (its process is gone); what it recorded is kept", "look for a crash or a kill -9 in that CI step", $"step {step}"));
            bundle.AddMissing($"steps#{step}", Codes.StepAbandoned, $"step {step} never finished");
            incidents.Add(Outcome.Error);
        }

        if (steps.Count == 0 && abandoned.Count == 0)
        {
            errors.Add(new EvidenceError(Codes.NothingRan, "no step ran in this run", $"append steps with 'dotnet evidence run --into {runId}' before ending it"));
            incidents.Add(Outcome.Blocked);
        }
    }

    private static CloseAttempt WaitAndClose(OpenRun run, TimeSpan wait, RunConsole console, Interrupt interrupt)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        var told = false;
        while (true)
        {
            var attempt = run.TryClose();
            if (attempt.AlreadyClosed)
            {
                throw new EvidenceException(new EvidenceError(Codes.RunNotOpen, $"run {run.RunId} is already being ended by another process", "wait for that 'end' to finish"));
            }

            if (attempt.Closed)
            {
                return attempt;
            }

            var running = string.Join(", ", attempt.Running);
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new EvidenceException(new EvidenceError(
                    Codes.StepsStillRunning,
                    $"step {running} of run {run.RunId} is still running, so the run was left open",
                    "wait for it to finish, or give 'end' time with --wait (e.g. --wait 10m)"));
            }

            if (!told)
            {
                console.Messages.WriteLine($"evidence: waiting for step {running} of run {run.RunId} to finish");
                told = true;
            }

            if (interrupt.Token.WaitHandle.WaitOne(Poll))
            {
                throw new EvidenceException(new EvidenceError(Codes.RunCancelled, $"interrupted while waiting for step {running}; run {run.RunId} is still open", "run 'dotnet evidence end' again once the steps are done"));
            }
        }
    }

    private static (EvidenceConfig? Config, EvidenceError? Error) LoadConfig(RunOptions options, JsonObject session)
    {
        if (options.Config is not null)
        {
            return (options.Config, null);
        }

        if ((string?)session["config"] is not { } path)
        {
            return (null, null);
        }

        try
        {
            return (ConfigLoader.Load(path), null);
        }
        catch (ConfigException ex)
        {
            return (null, ex.Error with { Message = "at end: " + ex.Error.Message });
        }
    }

    private static void AddMissing(BundleWriter bundle, JsonArray missing)
    {
        foreach (var part in missing)
        {
            bundle.AddMissing(part!["path"]!.GetValue<string>(), part["code"]!.GetValue<string>(), part["reason"]!.GetValue<string>());
        }
    }

    /// <summary>Cancelled: the signal of the step that was stopped; failed: the first failing required check's code.</summary>
    private static int ExitCode(Outcome outcome, IReadOnlyList<CheckSummary> checks, IReadOnlyList<(int Step, JsonObject Record)> steps) => outcome switch
    {
        Outcome.Verified => 0,
        Outcome.Cancelled => steps.Select(s => (int?)s.Record["signal"]).FirstOrDefault(s => s is not null) is { } signal ? 128 + signal : 130,
        Outcome.Error => ExitCodes.ToolError,
        _ when OutcomeRules.Latest(checks).FirstOrDefault(c => c.Status != CheckStatus.Passed) is { } failing
            && (outcome == Outcome.Failed || failing.Status == CheckStatus.Blocked) => Math.Clamp(failing.ExitCode, 1, 255),
        Outcome.Blocked => ExitCodes.Usage,
        _ => 1,
    };

    private static void WriteInputSnapshot(BundleWriter bundle, IReadOnlyList<(int Step, JsonObject Record)> steps)
    {
        var inputs = steps.Where(s => s.Record["input"] is JsonObject).ToList();
        if (inputs.Count == 0)
        {
            bundle.AddMissing(BundleLayout.InputSnapshot, Codes.NothingRan, "no step of the run built a program");
            return;
        }

        bundle.WriteJson(BundleLayout.InputSnapshot, new JsonObject
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
            [BundleFields.Steps] = new JsonArray([.. inputs.Select(s =>
            {
                var entry = s.Record["input"]!.DeepClone().AsObject();
                entry.Insert(0, "step", s.Step);
                return (JsonNode)entry;
            })]),
        });
    }
}
