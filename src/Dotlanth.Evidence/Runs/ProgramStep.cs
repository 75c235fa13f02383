using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Checks;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Host;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Values;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// What a whole run and one step of an open run do alike: turn the checks into a DotVM program, keep what it was
/// built from (redacted), and run it through the recorded syscall boundary.
/// </summary>
internal static class ProgramStep
{
    public static (VmProgram Program, StoredProgram Stored) Build(RunOptions options, Redactor redactor)
    {
        if (options.ProgramText is { } text)
        {
            var agent = Assembler.Assemble(text, options.ProgramFile ?? "program.dasm");
            return (agent, StoredProgram.From(agent, text, redactor));
        }

        var program = Assembler.Assemble(ChecksProgram.Build(options.Checks, options.KeepGoing), "run.dasm");
        // Each place a command line is written is redacted (and counted) on its own.
        var shown = ChecksProgram.Build(options.Checks, options.KeepGoing, show: redactor.RedactArgv);
        return (program, StoredProgram.From(program, shown, redactor));
    }

    /// <summary>The program, the command and the inputs: input_snapshot.json's content for a whole run, one entry per step otherwise.</summary>
    public static JsonObject Input(int abi, StoredProgram stored, RunOptions options, Redactor redactor) => new()
    {
        ["program"] = new JsonObject
        {
            ["format"] = "dasm",
            ["abi"] = abi,
            ["text"] = stored.Text,
            ["sha256"] = stored.Sha256,
            ["redacted"] = stored.Redacted,
        },
        ["arguments"] = new JsonArray([.. redactor.RedactArgv(options.ProgramText is null ? options.Command : options.ProgramArguments).Select(a => (JsonNode)JsonValue.Create(a))]),
        ["inputs"] = new JsonObject
        {
            ["cwd"] = options.WorkingDirectory,
            ["program_file"] = options.ProgramFile,
            ["check_name"] = options.CheckName,
            ["timeout_ms"] = options.Timeout is { } t ? (long)t.TotalMilliseconds : null,
        },
    };

    /// <summary>
    /// Runs the program behind the boundary: recorder, then capability check, then the live host. A fault (bad
    /// program, budget, denied capability) becomes an entry of errors.json. <paramref name="earlierSteps"/> are DotVM
    /// steps earlier steps of an open run used from the same budget.
    /// </summary>
    public static ProgramRun Execute(VmProgram program, CheckRunner runner, SessionScope scope, TimeBudget budget, Workspace workspace, long earlierSteps = 0)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(scope);
        var (options, env, redactor, console, bundle, trace, errors) = scope;
        using var http = new HttpEndpoints(console.Messages, runner.Interrupt, budget);
        var host = new RunHost(runner, options, env, redactor, console, budget) { Bundle = bundle, Workspace = workspace, Http = http };
        var report = new CapabilityReport([.. program.Capabilities, .. options.Capabilities]);
        var guard = new CapabilityHost(host, report, workspace, trace, redactor);
        RecordingHost? recorder = null;
        ISyscallHost boundary = guard;
        if (options.Resume is { } resume)
        {
            // The trace is the checkpoint: the calls the interrupted run completed are answered from it, then the program goes on live.
            trace.Emit(TraceEvents.RunResume, resume.ToJson());
            var carried = new ResumedCalls(resume, runner, host, report, trace, bundle);
            boundary = new ReplayHost(resume.Replayed, redactor, null) { Live = guard, OnAnswered = call => carried.Carry(call, recorder!.CurrentAttemptSeq) };
        }

        recorder = new RecordingHost(boundary, trace, redactor);
        host.CurrentSeq = () => recorder.CurrentAttemptSeq;
        guard.CurrentSeq = () => recorder.CurrentAttemptSeq;
        var arguments = Value.Of([.. options.ProgramArguments.Select(Value.Of)]);
        VmResult result;
        try
        {
            result = Interpreter.Run(program, recorder, options.MaxSteps, arguments);
        }
        catch (ReplayDivergedException diverged)
        {
            // The program no longer makes the calls the interrupted run recorded: it stops there, as replay would.
            var divergence = new VmFaultException(Codes.ReplayDiverged, $"resume diverged from run {options.Resume?.ParentRunId} at {diverged.Divergence.Message}", "resume the program that was recorded, or start a new run with exec");
            result = new VmResult(VmStatus.Faulted, Value.Unit, 0, divergence);
        }

        if (result.Fault is { } fault)
        {
            var message = result.Status == VmStatus.BudgetExceeded && earlierSteps > 0
                ? $"the run used its whole step budget of {options.MaxSteps + earlierSteps} ({earlierSteps} in earlier steps)"
                : fault.Message;
            errors.Add(new EvidenceError(fault.Code, message, fault.Hint, $"program line {result.Line}"));
        }

        return new ProgramRun(result, host.Artifacts, report);
    }

    /// <summary>The front end's problems plus the ones only the core can see (a check name that would leak a secret).</summary>
    public static System.Collections.Immutable.ImmutableArray<EvidenceError> Validate(RunOptions options, Redactor redactor, EvidenceError? redactionError)
    {
        var problems = options.InputErrors.ToBuilder();
        if (options.ProgramText is { } text)
        {
            try
            {
                Assembler.Assemble(text, options.ProgramFile ?? "program.dasm");
            }
            catch (AssemblyException ex)
            {
                // MSBuild's file(line,col) form, so editors and CI annotate the exact place.
                problems.Add(new EvidenceError(Codes.ProgramInvalid, ex.Message, "fix the program; nothing was run", $"{ex.File}:{ex.Line}:{ex.Column}"));
            }
        }
        else if (options.Checks.IsEmpty && problems.Count == 0)
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

    /// <summary>A user rule that does not compile blocks the run, but the bundle saying so is still redacted by the built-in rules.</summary>
    /// <summary>
    /// The run's checks named as files may be named: a name that holds a secret (from evidence.yml, or derived from a
    /// program path) becomes <c>redacted-&lt;tag&gt;</c> here, once, so every file and record of the run agrees on it.
    /// </summary>
    public static RunOptions WithSafeNames(RunOptions options, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { Checks = [.. options.Checks.Select(c => c with { Name = CheckNames.WithoutSecrets(c.Name, redactor.Redact) })] };
    }

    public static (Redactor Redactor, EvidenceError? Error) CreateRedactor(IReadOnlyDictionary<string, string> env, RedactionOptions options, byte[]? maskKey = null)
    {
        try
        {
            return (Redactor.Create(env, options, maskKey), null);
        }
        catch (RedactionConfigException ex)
        {
            return (Redactor.Create(env, options with { Patterns = [], Allowlist = [], SensitiveNames = [] }, maskKey), ex.Error);
        }
    }

    public static void WaitQuietly(Task? task)
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
