using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Checks;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Host;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Sealing;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// One run from start to seal: open a bundle, record the machine and the repository, run the program through the
/// recorded syscall boundary, and seal whatever happened. Every path out of here seals.
/// </summary>
public static class RunSession
{
    /// <summary>Why runs cannot happen on this machine (the runner needs /proc and posix_spawn), checked before anything is started or written.</summary>
    public static EvidenceError? UnsupportedPlatform() => OperatingSystem.IsLinux()
        ? null
        : new EvidenceError(Codes.UnsupportedPlatform, "'run' needs Linux (it tracks process trees through /proc)", "run it on Linux, in WSL or in a Linux container");

    public static RunReport Execute(RunOptions options, RunConsole console, Interrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(interrupt);
        if (options.Into is not null)
        {
            return StepSession.Execute(options, console, interrupt);
        }

        var env = options.Environment ?? ProcessEnvironment.Read();
        var location = Task.Run(() => RepoLocation.Find(options.WorkingDirectory));
        var (redactor, redactionError) = ProgramStep.CreateRedactor(env, options.Redaction);
        options = ProgramStep.WithSafeNames(options, redactor);
        var storeRoot = StoreLocation.Resolve(options.StoreRoot, options.WorkingDirectory, location.Result);
        var startedAt = DateTimeOffset.UtcNow;
        var bundle = BundleWriter.Open(storeRoot, redactor, startedAt);
        PerformanceTrace.Mark("repository, redactor, bundle");
        var inputErrors = ProgramStep.Validate(options, redactor, redactionError);
        var errors = new RunErrors();
        foreach (var error in inputErrors)
        {
            errors.Add(error);
        }

        using var traceLines = bundle.OpenJsonLines(BundleLayout.Trace);
        using var checkLines = bundle.OpenJsonLines(BundleLayout.Checks);
        using var testLines = bundle.OpenJsonLines(BundleLayout.Tests, createOnFirstLine: true);
        var trace = new TraceLog(traceLines, TimeProvider.System);
        var runner = new CheckRunner(bundle, checkLines, testLines, errors, console, interrupt);
        RepoFacts? repo = null;
        VmProgram? program = null;
        StoredProgram? stored = null;
        VmResult? result = null;
        ProgramRun? ran = null;
        var toolFailed = false;
        Task<RepoFacts?>? snapshot = null;
        JsonObject? facts = null;
        try
        {
            trace.Emit(TraceEvents.RunStart, RunControl.Start(bundle.RunId, options.FrontEnd));
            // The repository is recorded before the program runs (the state it ran against), alongside the other files.
            snapshot = Task.Run(() => GitSnapshot.Collect(location.Result, storeRoot, options.DiffBudgetBytes, bundle, options.DiffBase));
            bundle.WriteJson(BundleLayout.Environment, EnvironmentFacts.Build(env, redactor, ToolInfo.Version));
            // Rejected input lists no checks: what was rejected is in errors.json, not presented as settings.
            bundle.WriteJson(BundleLayout.ConfigSnapshot, ConfigSnapshot.Build(inputErrors.IsEmpty ? options : options with { Checks = [] }, storeRoot, redactor));
            if (inputErrors.IsEmpty)
            {
                (program, stored) = ProgramStep.Build(options, redactor);
                var input = ProgramStep.Input(program.Abi, stored, options, redactor);
                input.Insert(0, "schema_version", BundleLayout.SchemaVersion);
                bundle.WriteJson(BundleLayout.InputSnapshot, input);
            }

            PerformanceTrace.Mark("environment, configuration");
            repo = snapshot.GetAwaiter().GetResult();
            PerformanceTrace.Mark("git facts (waited for)");
            facts = Manifest.Facts(bundle, options, repo, env);
            bundle.WriteJson(BundleLayout.FactsFile, new JsonObject
            {
                [BundleFields.StartedAt] = Timestamps.Format(startedAt),
                ["facts"] = facts.DeepClone(),
                [BundleFields.Missing] = RunControl.Missing(bundle),
            });
            PerformanceTrace.Mark("facts written");
            if (program is not null)
            {
                var workspace = new Workspace(repo?.Root ?? options.WorkingDirectory);
                ran = ProgramStep.Execute(program, runner, new SessionScope(options, env, redactor, console, bundle, trace, errors), new TimeBudget(options.MaxDuration), workspace);
                result = ran.Result;
                PerformanceTrace.Mark("the program (commands and captures)");
            }
            else
            {
                bundle.AddMissing(BundleLayout.InputSnapshot, Codes.InvalidOption, "the run was rejected before a program was built");
            }
        }
        catch (Exception ex)
        {
            toolFailed = true;
            errors.Add(new EvidenceError(Codes.Internal, $"{ex.GetType().Name}: {ex.Message}", "run again with --verbose and report it if it persists"));
        }

        // Nothing may still be writing into the bundle when it is sealed.
        ProgramStep.WaitQuietly(snapshot);
        if (inputErrors.IsEmpty && !toolFailed)
        {
            ArtifactCollector.CollectOrRecord(bundle, options, runner.Summaries, repo?.Root, errors, ran?.Artifacts);
        }

        if (ran is not null)
        {
            bundle.WriteJson(BundleLayout.CapabilityReport, ran.Capabilities.ToJson(redactor));
        }

        PerformanceTrace.Mark("artifacts, capability report");
        var neverRan = inputErrors.IsEmpty ? RequiredChecks.NeverRan(bundle, options.Checks.Where(c => c.Required).Select(c => c.Name), runner.Summaries, "the run stopped before it (use --keep-going to run every check)") : [];
        var outcome = OutcomeRules.Decide(interrupt.IsRaised, toolFailed, !inputErrors.IsEmpty, result, runner.Summaries, neverRan.Count > 0, ran?.Capabilities.DeniedCount > 0);
        var exitCode = RunExitCode.Of(outcome, !inputErrors.IsEmpty, interrupt, result);
        var finishedAt = DateTimeOffset.UtcNow;
        trace.Emit(TraceEvents.RunFinish, new JsonObject { [BundleFields.Outcome] = outcome.ToWire(), [BundleFields.ExitCode] = exitCode });
        traceLines.Dispose();
        checkLines.Dispose();
        facts ??= Manifest.Facts(bundle, options, repo, env);
        BundleClosing.NoteWriteFailure(bundle, errors);
        SealedBundle sealedBundle;
        try
        {
            sealedBundle = BundleClosing.Seal(
                bundle,
                errors,
                count => Manifest.Build(new RunEnd(bundle.RunId, outcome, exitCode, startedAt, finishedAt), facts, Manifest.Program(program, stored, result, bundle.Redactor), null, runner.Summaries, count),
                () => Manifest.Redaction(redactor.Summary()),
                console.Messages);
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            // The command ran and its exit code stands; the record stays in staging for 'recover' (if there is one).
            return BundleClosing.Unsealed(bundle, outcome, exitCode, errors, ex) with { PushTo = null };
        }

        PerformanceTrace.Mark("seal (manifest, hashes, index journal)");
        var reportedErrors = errors.All.Select(e => e with { Message = redactor.Redact(e.Message) }).ToList();
        RecoverStale(storeRoot, env, console.Messages);
        PerformanceTrace.Mark("stale-run check");
        return RunReport.Of(outcome, exitCode, sealedBundle, reportedErrors) with { PushTo = options.PushTo };
    }

    /// <summary>Folders left by processes that died are sealed as incomplete by the next run, once its own bundle is safe.</summary>
    private static void RecoverStale(string storeRoot, IReadOnlyDictionary<string, string> env, TextWriter messages)
    {
        try
        {
            foreach (var (id, recovered, failure) in Sealing.StoreRecovery.RecoverAll(storeRoot, env, messages))
            {
                messages.WriteLine(recovered is not null
                    ? $"dotnet-evidence: recovered run {id}, left by a process that died, as incomplete"
                    : $"dotnet-evidence: warning EVD0701: run {id} was left by a process that died and could not be recovered: {failure}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            messages.WriteLine($"dotnet-evidence: warning EVD0701: stale runs were not checked: {ex.Message}");
        }
    }
}
