using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// One run from start to seal: open a bundle, record the machine and the repository, run the program through the
/// recorded syscall boundary, and seal whatever happened. Every path out of here seals.
/// </summary>
public static class RunSession
{
    public const int ToolErrorExitCode = 70;
    public const int UsageExitCode = 2;

    /// <summary>Why runs cannot happen on this machine (the runner needs /proc and posix_spawn), checked before anything is started or written.</summary>
    public static EvidenceError? UnsupportedPlatform() => OperatingSystem.IsLinux()
        ? null
        : new EvidenceError(Codes.UnsupportedPlatform, "'run' needs Linux (it tracks process trees through /proc)", "run it on Linux, in WSL or in a Linux container");

    public static RunReport Execute(RunOptions options, RunConsole console, Interrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(interrupt);
        var env = options.Environment ?? ProcessEnvironment.Read();
        var location = Task.Run(() => RepoLocation.Find(options.WorkingDirectory));
        var (redactor, redactionError) = CreateRedactor(env, options.Redaction);
        var storeRoot = StoreLocation.Resolve(options.StoreRoot, options.WorkingDirectory, location.Result);
        var startedAt = DateTimeOffset.UtcNow;
        var bundle = BundleWriter.Open(storeRoot, redactor, startedAt);
        var inputErrors = Validate(options, redactor, redactionError);
        var errors = new RunErrors();
        foreach (var error in inputErrors)
        {
            errors.Add(error);
        }

        using var traceLines = bundle.OpenJsonLines(BundleLayout.Trace);
        using var checkLines = bundle.OpenJsonLines(BundleLayout.Checks);
        var trace = new TraceLog(traceLines, TimeProvider.System);
        var runner = new CheckRunner(bundle, checkLines, errors, console, interrupt);
        RepoFacts? repo = null;
        VmProgram? program = null;
        StoredProgram? stored = null;
        VmResult? result = null;
        var toolFailed = false;
        Task<RepoFacts?>? snapshot = null;
        try
        {
            trace.Emit("run.start", new JsonObject
            {
                ["run_id"] = bundle.RunId,
                ["tool"] = new JsonObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
                ["front_end"] = options.FrontEnd,
            });
            // The repository is recorded before the program runs (the state it ran against), alongside the other files.
            snapshot = Task.Run(() => GitSnapshot.Collect(location.Result, storeRoot, options.DiffBudgetBytes, bundle, options.DiffBase));
            bundle.WriteJson(BundleLayout.Environment, EnvironmentFacts.Build(env, redactor, ToolInfo.Version));
            // Rejected input lists no checks: what was rejected is in errors.json, not presented as settings.
            bundle.WriteJson(BundleLayout.ConfigSnapshot, ConfigSnapshot.Build(inputErrors.IsEmpty ? options : options with { Checks = [] }, storeRoot, redactor));
            if (inputErrors.IsEmpty)
            {
                program = Assembler.Assemble(ChecksProgram.Build(options.Checks, options.KeepGoing), "run.dasm");
                // Each place a command line is written is redacted (and counted) on its own.
                var shownChecks = options.Checks.Select(c => c with { Argv = [.. redactor.RedactArgv(c.Argv)] }).ToList();
                stored = StoredProgram.From(program, ChecksProgram.Build(shownChecks, options.KeepGoing), redactor);
                WriteInputSnapshot(bundle, program, stored, redactor.RedactArgv(options.Command), options);
            }

            repo = snapshot.GetAwaiter().GetResult();
            if (program is not null)
            {
                var host = new RunHost(runner, options, env, redactor, console, new TimeBudget(options.MaxDuration));
                var recorder = new RecordingHost(host, trace, redactor);
                host.CurrentSeq = () => recorder.CurrentAttemptSeq;
                result = Interpreter.Run(program, recorder, options.MaxSteps);
                if (result.Fault is { } fault)
                {
                    errors.Add(new EvidenceError(fault.Code, fault.Message, fault.Hint, $"program line {result.Line}"));
                }
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
        WaitQuietly(snapshot);
        if (inputErrors.IsEmpty && !toolFailed)
        {
            try
            {
                ArtifactCollector.Collect(bundle, options, runner.Summaries, repo?.Root, errors, DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new EvidenceError(Codes.ArtifactRefused, $"artifacts could not be collected: {ex.Message}", "check the artifact paths and permissions"));
            }
        }

        var neverRan = inputErrors.IsEmpty ? NeverRan(options, runner.Summaries) : [];
        foreach (var name in neverRan)
        {
            bundle.AddMissing($"checks.jsonl#{name}", Codes.CheckNotRun, $"required check '{name}' never ran: the run stopped before it (use --keep-going to run every check)");
        }

        var outcome = OutcomeRules.Decide(interrupt.IsRaised, toolFailed, !inputErrors.IsEmpty, result, runner.Summaries, neverRan.Count > 0);
        var exitCode = ExitCode(outcome, !inputErrors.IsEmpty, interrupt, result);
        var finishedAt = DateTimeOffset.UtcNow;
        trace.Emit("run.finish", new JsonObject { ["outcome"] = outcome.ToWire(), ["exit_code"] = exitCode });
        traceLines.Dispose();
        checkLines.Dispose();
        foreach (var late in StagingScan.Rescan(bundle))
        {
            errors.Add(late);
        }

        bundle.WriteJson(BundleLayout.Errors, new JsonObject
        {
            ["schema_version"] = BundleLayout.SchemaVersion,
            ["errors"] = new JsonArray([.. errors.All.Select(e => (JsonNode)e.ToJson())]),
        });
        var manifest = bundle.Redact(Manifest.Build(bundle, options, outcome, exitCode, startedAt, finishedAt, repo, program, result, runner.Summaries, errors, env, stored));
        manifest["redaction"] = Manifest.Redaction(redactor.Summary());
        var sealedBundle = bundle.Seal(manifest);
        var reportedErrors = errors.All.Select(e => e with { Message = redactor.Redact(e.Message) }).ToList();
        return new RunReport(outcome, exitCode, sealedBundle, reportedErrors);
    }

    /// <summary>The front end's problems plus the ones only the core can see (a check name that would leak a secret).</summary>
    /// <summary>A user rule that does not compile blocks the run, but the bundle saying so is still redacted by the built-in rules.</summary>
    private static (Redactor Redactor, EvidenceError? Error) CreateRedactor(IReadOnlyDictionary<string, string> env, RedactionOptions options)
    {
        try
        {
            return (Redactor.Create(env, options), null);
        }
        catch (RedactionConfigException ex)
        {
            return (Redactor.Create(env, options with { Patterns = [], Allowlist = [], SensitiveNames = [] }), ex.Error);
        }
    }

    private static ImmutableArray<EvidenceError> Validate(RunOptions options, Redactor redactor, EvidenceError? redactionError)
    {
        var problems = options.InputErrors.ToBuilder();
        if (options.Checks.IsEmpty && problems.Count == 0)
        {
            problems.Add(new EvidenceError(Codes.Usage, "nothing to run: no command and no checks", "write a command after --, or declare checks in evidence.yml"));
        }

        if (redactionError is not null)
        {
            problems.Add(redactionError);
        }

        if (options.CheckName is { } name)
        {
            if (CheckNames.Validate(name) is { } invalid)
            {
                problems.Add(invalid with { Message = "--name: " + invalid.Message });
            }
            else if (redactor.Redact(name) != name)
            {
                problems.Add(new EvidenceError(Codes.InvalidOption, "--name: the check name contains a secret value", "choose a name without secrets"));
            }
        }

        return problems.ToImmutable();
    }

    private static int ExitCode(Outcome outcome, bool inputRejected, Interrupt interrupt, VmResult? result) => outcome switch
    {
        Outcome.Cancelled => 128 + interrupt.Signal,
        Outcome.Error => ToolErrorExitCode,
        _ when inputRejected => UsageExitCode,
        _ when result is { Status: VmStatus.Returned, Returned.Kind: ValueKind.Int } => (int)Math.Clamp(result.Returned.AsInt, 0, 255),
        Outcome.Blocked => UsageExitCode,
        _ => 0,
    };

    private static void WriteInputSnapshot(BundleWriter bundle, VmProgram program, StoredProgram stored, IReadOnlyList<string> shownCommand, RunOptions options) =>
        bundle.WriteJson(BundleLayout.InputSnapshot, new JsonObject
        {
            ["schema_version"] = BundleLayout.SchemaVersion,
            ["program"] = new JsonObject
            {
                ["format"] = "dasm",
                ["abi"] = program.Abi,
                ["text"] = stored.Text,
                ["sha256"] = stored.Sha256,
                ["redacted"] = stored.Redacted,
            },
            ["arguments"] = new JsonArray([.. shownCommand.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["inputs"] = new JsonObject
            {
                ["cwd"] = options.WorkingDirectory,
                ["check_name"] = options.CheckName,
                ["timeout_ms"] = options.Timeout is { } t ? (long)t.TotalMilliseconds : null,
            },
        });

    private static List<string> NeverRan(RunOptions options, IReadOnlyList<CheckSummary> ran) =>
        [.. options.Checks.Where(c => c.Required && ran.All(r => r.Name != c.Name)).Select(c => c.Name)];

    private static void WaitQuietly(Task? task)
    {
        try
        {
            task?.Wait();
        }
        catch (AggregateException)
        {
            // Already recorded by the path that failed.
        }
    }
}
