using System.Collections;
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

    public static RunReport Execute(RunOptions options, RunConsole console, Interrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(interrupt);
        var env = options.Environment ?? ReadProcessEnvironment();
        var redactor = Redactor.ForEnvironment(env);
        var storeRoot = StoreLocation.Resolve(options.StoreRoot, options.WorkingDirectory);
        var startedAt = DateTimeOffset.UtcNow;
        var bundle = BundleWriter.Open(storeRoot, redactor, startedAt);
        var errors = new RunErrors();
        foreach (var error in options.InputErrors)
        {
            errors.Add(error);
        }

        using var traceLines = bundle.OpenJsonLines(BundleLayout.Trace);
        using var checkLines = bundle.OpenJsonLines(BundleLayout.Checks);
        var trace = new TraceLog(traceLines, TimeProvider.System);
        var runner = new CheckRunner(bundle, checkLines, errors, console, interrupt);
        RepoFacts? repo = null;
        VmProgram? program = null;
        VmResult? result = null;
        var toolFailed = false;
        try
        {
            trace.Emit("run.start", new JsonObject
            {
                ["run_id"] = bundle.RunId,
                ["tool"] = new JsonObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
                ["front_end"] = options.FrontEnd,
            });
            bundle.WriteJson(BundleLayout.Environment, EnvironmentFacts.Build(env, redactor, ToolInfo.Version));
            repo = GitSnapshot.Collect(options.WorkingDirectory, storeRoot, options.DiffBudgetBytes, bundle);
            if (options.InputErrors.IsEmpty)
            {
                var name = options.CheckName ?? CommandProgram.DefaultCheckName(options.Command[0]);
                program = Assembler.Assemble(CommandProgram.Build(options.Command, name, options.Timeout), "run.dasm");
                WriteInputSnapshot(bundle, program, options);
                var host = new RunHost(runner, options, env, redactor, console);
                var recorder = new RecordingHost(host, trace);
                host.CurrentSeq = () => recorder.CurrentAttemptSeq;
                result = Interpreter.Run(program, recorder);
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

        var outcome = OutcomeRules.Decide(interrupt.IsRaised, toolFailed, !options.InputErrors.IsEmpty, result, runner.Summaries);
        var exitCode = ExitCode(outcome, options, interrupt, result);
        var finishedAt = DateTimeOffset.UtcNow;
        trace.Emit("run.finish", new JsonObject { ["outcome"] = outcome.ToWire(), ["exit_code"] = exitCode });
        traceLines.Dispose();
        checkLines.Dispose();
        bundle.WriteJson(BundleLayout.Errors, new JsonObject
        {
            ["schema_version"] = BundleLayout.SchemaVersion,
            ["errors"] = new JsonArray([.. errors.All.Select(e => (JsonNode)e.ToJson())]),
        });
        var manifest = Manifest.Build(bundle, options, outcome, exitCode, startedAt, finishedAt, repo, program, result, runner.Summaries, errors, env, redactor);
        var sealedBundle = bundle.Seal(manifest);
        var reportedErrors = errors.All.Select(e => e with { Message = redactor.Redact(e.Message) }).ToList();
        return new RunReport(outcome, exitCode, bundle.RunId, sealedBundle, sealedBundle.Path, reportedErrors);
    }

    private static int ExitCode(Outcome outcome, RunOptions options, Interrupt interrupt, VmResult? result) => outcome switch
    {
        Outcome.Cancelled => 128 + interrupt.Signal,
        Outcome.Error => ToolErrorExitCode,
        _ when !options.InputErrors.IsEmpty => UsageExitCode,
        _ when result is { Status: VmStatus.Returned, Returned.Kind: ValueKind.Int } => (int)Math.Clamp(result.Returned.AsInt, 0, 255),
        Outcome.Blocked => UsageExitCode,
        _ => 0,
    };

    private static void WriteInputSnapshot(BundleWriter bundle, VmProgram program, RunOptions options) =>
        bundle.WriteJson(BundleLayout.InputSnapshot, new JsonObject
        {
            ["schema_version"] = BundleLayout.SchemaVersion,
            ["program"] = new JsonObject
            {
                ["format"] = "dasm",
                ["abi"] = program.Abi,
                ["text"] = program.Text,
                ["sha256"] = program.Sha256,
            },
            ["arguments"] = new JsonArray([.. options.Command.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["inputs"] = new JsonObject
            {
                ["cwd"] = options.WorkingDirectory,
                ["check_name"] = options.CheckName,
                ["timeout_ms"] = options.Timeout is { } t ? (long)t.TotalMilliseconds : null,
            },
        });

    private static Dictionary<string, string> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return result;
    }
}
