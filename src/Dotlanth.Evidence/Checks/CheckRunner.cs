using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Checks;

/// <summary>
/// Runs one check: live output to the console, redacted bounded capture into the bundle, one record in checks.jsonl.
/// Attempts are numbered per check name, by this runner or, for the steps of an open run, by the run.
/// </summary>
public sealed class CheckRunner(BundleWriter bundle, IJsonLines checks, IJsonLines tests, RunErrors errors, RunConsole console, Interrupt interrupt, Func<string, int>? nextAttempt = null)
{
    /// <summary>The run's interrupt, for a syscall that waits on something other than a check.</summary>
    public Interrupt Interrupt => interrupt;

    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly List<CheckSummary> _summaries = [];

    public IReadOnlyList<CheckSummary> Summaries => _summaries;

    public CheckSummary Run(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (argv, name, cwd, maxOutput, killGrace, seq) = request;
        var (required, timeout, accepted, environment) = (request.Required, request.Timeout, request.Accepted, request.Environment);
        // The name becomes file names: one holding a secret (a program path, a name in evidence.yml) is replaced first.
        name = CheckNames.WithoutSecrets(name, bundle.Redactor.Redact);
        var attempt = nextAttempt is null ? _attempts[name] = _attempts.GetValueOrDefault(name) + 1 : nextAttempt(name);
        var stdoutPath = $"stdout/{name}_{attempt}.txt";
        var stderrPath = $"stderr/{name}_{attempt}.txt";
        var ((stdoutSink, stdoutCapture), (stderrSink, stderrCapture)) = bundle.OpenCapturePair(stdoutPath, stderrPath, maxOutput);
        using var reports = TestReportSearch.Prepare(request);
        if (reports is not null && reports.Environment.Count > 0)
        {
            environment = environment.Concat(reports.Environment).GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        }

        CommandResult result;
        using (stdoutCapture)
        using (stderrCapture)
        {
            var spec = new CommandSpec(argv)
            {
                Terminal = console.Terminal,
                InheritStdin = console.InheritStdin,
                WorkingDirectory = cwd,
                Timeout = timeout,
                KillGrace = killGrace,
                Environment = environment.ToImmutableDictionary(),
            };
            // A check its caller can withdraw stops on the run's interrupt or on the withdrawal; only the first stops the run.
            using var stop = request.Withdrawn.CanBeCanceled ? new Interrupt() : null;
            using var byRun = stop is null ? default : interrupt.Token.Register(() => stop.Raise(interrupt.Signal));
            using var byCaller = stop is null ? default : request.Withdrawn.Register(() => stop.Raise(Native.SIGTERM));
            result = ProcessRunner.Run(
                spec,
                // The terminal sees the bytes as they are; the bundle keeps what the screen showed, as plain text.
                new PassthroughSink(console.Stdout, console.Terminal ? new TerminalTextSink(stdoutSink) : stdoutSink),
                new PassthroughSink(console.Stderr, stderrSink),
                stop ?? interrupt);
        }

        if (result.CancelledBy is { } typed && interrupt is { IsRaised: false } && !request.Withdrawn.IsCancellationRequested)
        {
            // Ctrl-C typed at the child's terminal stops the run, as it would have stopped it without a terminal.
            interrupt.Raise(typed);
        }

        if (result.Terminal is not null)
        {
            // One stream in a terminal: there is no separate stderr, and no empty file pretends there was.
            try
            {
                bundle.Delete(stderrPath);
            }
            catch (IOException)
            {
                // No staging folder to delete it from (a full disk): nothing was written there either.
            }
        }

        var status = StatusOf(result, accepted);
        var error = ErrorOf(result, argv[0], timeout) is { } found ? found with { Where = $"check {name} attempt {attempt}" } : null;
        if (error is not null)
        {
            errors.Add(error);
        }

        var exitCode = result.TimedOut ? 124 : result.ExitCode;
        var testTotals = reports is null ? null : TestRecorder.Record(bundle, tests, reports, name, attempt, cwd, request.RepositoryRoot);
        checks.Append(new JsonObject
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
            ["name"] = name,
            [BundleFields.Attempt] = attempt,
            [BundleFields.Seq] = seq,
            ["argv"] = new JsonArray([.. bundle.Redactor.RedactArgv(argv).Select(a => (JsonNode)JsonValue.Create(a))]),
            ["cwd"] = cwd,
            ["required"] = required,
            ["accepted_exit_codes"] = new JsonArray([.. accepted.Select(c => (JsonNode)JsonValue.Create(c))]),
            [BundleFields.Status] = status,
            [BundleFields.ExitCode] = exitCode,
            ["signal"] = result.Signal,
            ["timed_out"] = result.TimedOut,
            ["cancelled"] = result.CancelledBy is not null,
            [BundleFields.StartedAt] = Timestamps.Format(result.StartedAt),
            [BundleFields.FinishedAt] = Timestamps.Format(result.FinishedAt),
            [BundleFields.DurationMs] = (long)result.Duration.TotalMilliseconds,
            ["killed_processes"] = result.KilledProcesses,
            ["output_abandoned"] = result.OutputAbandoned,
            ["error"] = error?.ToJson(),
            ["stdout"] = Stream(stdoutPath, stdoutCapture.Stats),
            ["stderr"] = result.Terminal is null ? Stream(stderrPath, stderrCapture.Stats) : null,
            ["terminal"] = result.Terminal is { } size ? new JsonObject { ["rows"] = size.Rows, ["cols"] = size.Cols } : null,
            ["tests"] = testTotals,
        });
        var summary = new CheckSummary(name, attempt, status, required, exitCode, seq);
        _summaries.Add(summary);
        return summary;
    }

    /// <summary>
    /// A check an interrupted run already ran, carried into the run that resumes it: its record (now pointing at the
    /// answered proc.exec's seq, marked <c>carried_from</c>), its captures and its test cases, copied through the
    /// redactor. It counts towards the outcome as if it had run here; the command is not run again.
    /// </summary>
    public CheckSummary Carry(string parentBundle, string parentRunId, JsonObject record, IEnumerable<JsonObject> parentTests, long seq)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(parentTests);
        var name = (string)record["name"]!;
        var parentAttempt = (int)record[BundleFields.Attempt]!;
        var attempt = nextAttempt is null ? _attempts[name] = _attempts.GetValueOrDefault(name) + 1 : nextAttempt(name);
        var copy = record.DeepClone().AsObject();
        copy[BundleFields.Attempt] = attempt;
        copy[BundleFields.Seq] = seq;
        copy["carried_from"] = new JsonObject { [BundleFields.RunId] = parentRunId, [BundleFields.Seq] = record[BundleFields.Seq]!.DeepClone(), [BundleFields.Attempt] = parentAttempt };
        foreach (var stream in new[] { "stdout", "stderr" })
        {
            if (copy[stream] is JsonObject capture)
            {
                var target = $"{stream}/{name}_{attempt}.txt";
                var (bytes, sha) = ArtifactCollector.Copy(bundle, Path.Combine(parentBundle, (string)capture["path"]!), target);
                capture["path"] = target;
                capture["bytes_kept"] = bytes;
                capture["sha256"] = sha;
            }
        }

        foreach (var test in parentTests.Where(t => (string?)t["check"] == name && (int?)t[BundleFields.Attempt] == parentAttempt))
        {
            var carried = test.DeepClone().AsObject();
            carried[BundleFields.Attempt] = attempt;
            tests.Append(carried);
        }

        checks.Append(copy);
        var summary = new CheckSummary(name, attempt, (string)copy[BundleFields.Status]!, (bool)copy["required"]!, (int)copy[BundleFields.ExitCode]!, seq);
        _summaries.Add(summary);
        return summary;
    }

    private static string StatusOf(CommandResult result, IReadOnlyList<int> accepted) => result switch
    {
        { CancelledBy: not null } => CheckStatus.Cancelled,
        { Started: false } => CheckStatus.Blocked,
        { TimedOut: true } => CheckStatus.TimedOut,
        _ when accepted.Contains(result.ExitCode) => CheckStatus.Passed,
        _ => CheckStatus.Failed,
    };

    private static EvidenceError? ErrorOf(CommandResult result, string program, TimeSpan? timeout) => result switch
    {
        { CancelledBy: { } signal, Started: false } => new EvidenceError(
            Codes.RunCancelled, $"the run was interrupted (signal {signal}) before '{program}' started", null),
        { Started: false, ExitCode: 127 } when result.Errno == Capture.Native.ENOENT => new EvidenceError(
            Codes.ProgramNotFound, $"program '{program}' was not found", "check the spelling, or install it and make sure it is on PATH"),
        { Started: false, ExitCode: 126 } => new EvidenceError(
            Codes.ProgramNotExecutable, $"program '{program}' is not executable", "check its permissions (chmod +x) and its #! line"),
        { Started: false } => new EvidenceError(
            Codes.ProgramStartFailed, $"program '{program}' could not be started: {result.StartError}", "check the program path and the working directory"),
        { TimedOut: true } => new EvidenceError(
            Codes.CheckTimedOut, $"'{program}' ran past its {timeout?.TotalSeconds:0.###}s timeout and its process tree was stopped", "raise --timeout or find what hangs"),
        { CancelledBy: { } signal } => new EvidenceError(
            Codes.RunCancelled, $"the run was interrupted (signal {signal}) and '{program}' was stopped", null),
        { OutputAbandoned: true } => new EvidenceError(
            Codes.OutputAbandoned, $"'{program}' exited but a descendant kept its output open; reading stopped", "stop background processes before the check exits"),
        _ => null,
    };

    private static JsonObject Stream(string path, CaptureStats stats) => new()
    {
        ["path"] = path,
        ["bytes_total"] = stats.BytesTotal,
        ["bytes_kept"] = stats.BytesKept,
        ["truncated"] = stats.Truncated,
        ["sha256"] = stats.Sha256,
    };
}
