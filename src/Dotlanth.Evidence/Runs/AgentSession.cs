using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Checks;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Host;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Sealing;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// An agent's session (an MCP client) as one run: opened when the server starts, one recorded syscall per tool call
/// through the same boundary as <c>exec</c> (session rules, capability check, live host), sealed when it ends. After
/// every call the program so far and the tool call summaries are rewritten in staging, so a killed server leaves a
/// run that <c>recover</c> seals and <c>replay</c> can still answer. Calls are served one at a time, in arrival order.
/// </summary>
public sealed class AgentSession
{
    private readonly Lock _gate = new();
    private readonly RunOptions _options;
    private readonly Redactor _redactor;
    private readonly RunConsole _console;
    private readonly Interrupt _interrupt;
    private readonly BundleWriter _bundle;
    private readonly JsonLinesWriter _traceLines;
    private readonly JsonLinesWriter _checkLines;
    private readonly JsonLinesWriter _testLines;
    private readonly TraceLog _trace;
    private readonly CheckRunner _runner;
    private readonly RunErrors _errors;
    private readonly JsonObject _facts;
    private readonly DateTimeOffset _startedAt;
    private readonly RunHost _host;
    private readonly RecordingHost _recorder;
    private readonly CapabilityReport _capabilities;
    private readonly SessionProgram _program;
    private readonly JsonArray _toolCalls = [];
    private readonly List<string> _toolCallTexts = [];
    private readonly IReadOnlyList<EvidenceError> _inputErrors;
    private RunReport? _report;

    private AgentSession(RunOptions options, RepoLocation location, Redactor redactor, RunConsole console, Interrupt interrupt, BundleWriter bundle, RunErrors errors, IReadOnlyList<EvidenceError> inputErrors)
    {
        (_options, _redactor, _console, _interrupt, _bundle, _errors, _inputErrors) = (options, redactor, console, interrupt, bundle, errors, inputErrors);
        _startedAt = DateTimeOffset.UtcNow;
        _traceLines = bundle.OpenJsonLines(BundleLayout.Trace);
        _checkLines = bundle.OpenJsonLines(BundleLayout.Checks);
        _testLines = bundle.OpenJsonLines(BundleLayout.Tests, createOnFirstLine: true);
        _trace = new TraceLog(_traceLines, TimeProvider.System);
        _runner = new CheckRunner(bundle, _checkLines, _testLines, errors, console, interrupt);
        _trace.Emit(TraceEvents.RunStart, RunControl.Start(bundle.RunId, options.FrontEnd));
        var env = options.Environment!;
        var storeRoot = Path.GetDirectoryName(Path.GetDirectoryName(bundle.FinalPath)!)!;
        var repo = GitSnapshot.Collect(location, storeRoot, options.DiffBudgetBytes, bundle, options.DiffBase);
        bundle.WriteJson(BundleLayout.Environment, EnvironmentFacts.Build(env, redactor, ToolInfo.Version));
        bundle.WriteJson(BundleLayout.ConfigSnapshot, ConfigSnapshot.Build(options, storeRoot, redactor));
        _facts = Manifest.Facts(bundle, options, repo, env);
        _facts["agent"] = new JsonObject { ["protocol"] = "mcp", ["client"] = null, ["ended_by"] = null, ["claim"] = null };
        WriteFacts();
        var workspace = new Workspace(repo?.Root ?? options.WorkingDirectory);
        _capabilities = new CapabilityReport(options.Capabilities);
        _host = new RunHost(_runner, options, env, redactor, console, new TimeBudget(options.MaxDuration)) { Bundle = bundle, Workspace = workspace };
        var guard = new CapabilityHost(_host, _capabilities, workspace, _trace, redactor)
        {
            Holder = "the session's",
            Suggest = (syscall, pattern) => $"allow it under 'capabilities: {syscall}:' in evidence.yml, or start the server with --cap '{syscall}={pattern}' (or a pattern that matches it)",
        };
        _recorder = new RecordingHost(new SessionRulesHost(guard, workspace, _host.CommandDirectory), _trace, redactor);
        _host.CurrentSeq = () => _recorder.CurrentAttemptSeq;
        guard.CurrentSeq = () => _recorder.CurrentAttemptSeq;
        _program = new SessionProgram(options.Capabilities, redactor);
        WriteProgress();
    }

    public string RunId => _bundle.RunId;

    public bool Ended => _report is not null;

    /// <summary>Text on its way to the agent passes the run's redactor first: a secret a command printed never reaches the model.</summary>
    public string Redact(string text) => _redactor.Redact(text);

    /// <summary>Opens the run. Input the front end rejected still opens one, sealed at once as blocked and saying why.</summary>
    public static AgentSession Open(RunOptions options, RunConsole console, Interrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var env = options.Environment ?? ProcessEnvironment.Read();
        var (redactor, redactionError) = ProgramStep.CreateRedactor(env, options.Redaction);
        var location = RepoLocation.Find(options.WorkingDirectory);
        // Paths an agent gives are the repository's, wherever the client started the server (a subfolder, a worktree).
        options = options with { WorkingDirectory = location.Root ?? options.WorkingDirectory };
        var storeRoot = StoreLocation.Resolve(options.StoreRoot, options.WorkingDirectory, location);
        var bundle = BundleWriter.Open(storeRoot, redactor, DateTimeOffset.UtcNow);
        var errors = new RunErrors();
        var inputErrors = options.InputErrors.ToList();
        if (redactionError is not null)
        {
            inputErrors.Add(redactionError);
        }

        foreach (var error in inputErrors)
        {
            errors.Add(error);
        }

        // Rejected input lists no checks (what was rejected is in errors.json); check names that hold a secret are replaced once.
        options = inputErrors.Count > 0 ? options with { Checks = [] } : ProgramStep.WithSafeNames(options, redactor);
        return new AgentSession(options with { Environment = env }, location, redactor, console, interrupt, bundle, errors, inputErrors);
    }

    /// <summary>The client's name and version from its <c>initialize</c>, as it gave them (redacted).</summary>
    public void Connected(string name, string? version, string? protocolVersion)
    {
        lock (_gate)
        {
            if (_report is not null || _facts["agent"]!["client"] is not null)
            {
                return;
            }

            var client = new JsonObject { ["name"] = name, ["version"] = version, ["protocol_version"] = protocolVersion };
            _trace.Emit(TraceEvents.SessionClient, new JsonObject { ["client"] = client.DeepClone() });
            _facts["agent"]!["client"] = client;
            WriteFacts();
        }
    }

    /// <summary>
    /// One tool call: the syscall made through the recorded boundary. A fault (a denial, a missing file, a refused
    /// write) is the call's result, not the session's end. <paramref name="audit"/> is the call's arguments as
    /// tool_calls.json may keep them.
    /// </summary>
    /// <param name="withdrawn">The client cancelled the call: a command it started is stopped (its check is cancelled), and the session goes on.</param>
    public ToolCallOutcome Call(string tool, SyscallInfo syscall, IReadOnlyList<Value> args, JsonObject audit, CancellationToken withdrawn = default)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        ArgumentNullException.ThrowIfNull(args);
        lock (_gate)
        {
            if (_report is not null)
            {
                throw new EvidenceException(new EvidenceError(Codes.SessionEnded, $"{tool}: the session has ended (run {RunId} is sealed)", "start a new session"));
            }

            if (_inputErrors.Count > 0)
            {
                return new ToolCallOutcome(Value.Unit, new VmFaultException(_inputErrors[0].Code, "the session was started with bad input: " + _redactor.Redact(_inputErrors[0].Message), _inputErrors[0].Hint), 0, null);
            }

            var startedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var checksBefore = _runner.Summaries.Count;
            var firstSeq = _trace.LastSeq + 1;
            _program.Add(tool, syscall, args);
            Value result = Value.Unit;
            VmFaultException? fault = null;
            try
            {
                _host.CallWithdrawn = withdrawn;
                result = _recorder.Invoke(syscall, [.. args]);
            }
            catch (VmFaultException failed)
            {
                fault = new VmFaultException(failed.Code, _redactor.Redact(failed.Message), failed.Hint);
                if (failed.Code == Codes.CapabilityDenied || failed.Code == Codes.PathOutsideWorkspace)
                {
                    _errors.Add(new EvidenceError(failed.Code, failed.Message, failed.Hint, $"tool call {_program.Calls} ({tool})"));
                }
            }
            finally
            {
                _host.CallWithdrawn = default;
            }

            var check = _runner.Summaries.Count > checksBefore ? _runner.Summaries[^1] : null;
            Keep(new JsonObject
            {
                ["index"] = _program.Calls,
                ["tool"] = tool,
                ["syscall"] = syscall.Name,
                ["arguments"] = audit.DeepClone(),
                [BundleFields.Status] = fault is null ? "ok" : fault.Code == Codes.CapabilityDenied ? "denied" : "error",
                ["error"] = fault is null ? null : new JsonObject { ["code"] = fault.Code, ["message"] = fault.Message },
                [BundleFields.StartedAt] = Timestamps.Format(startedAt),
                [BundleFields.DurationMs] = clock.ElapsedMilliseconds,
                ["seq"] = new JsonArray([.. Enumerable.Range(0, (int)(_trace.LastSeq - firstSeq + 1)).Select(i => (JsonNode)(firstSeq + i))]),
                ["check"] = check is null ? null : new JsonObject { ["name"] = check.Name, [BundleFields.Attempt] = check.Attempt },
            });
            WriteProgress();
            return new ToolCallOutcome(result, fault, _recorder.CurrentAttemptSeq, check);
        }
    }

    /// <summary>A call refused before it became a syscall (its arguments were not what the tool takes): kept in tool_calls.json, nothing else happened.</summary>
    public void Rejected(string tool, JsonObject audit, string message)
    {
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (_report is not null)
            {
                return;
            }

            Keep(new JsonObject
            {
                ["index"] = null,
                ["tool"] = tool,
                ["syscall"] = null,
                ["arguments"] = audit.DeepClone(),
                [BundleFields.Status] = "rejected",
                ["error"] = new JsonObject { ["code"] = Codes.InvalidOption, ["message"] = _redactor.Redact(message) },
                [BundleFields.StartedAt] = Timestamps.Format(DateTimeOffset.UtcNow),
                [BundleFields.DurationMs] = 0,
                ["seq"] = new JsonArray(),
                ["check"] = null,
            });
            WriteProgress();
        }
    }

    /// <summary>The redacted, bounded output a check kept in the bundle (what its tool call returns to the agent).</summary>
    public string CheckOutput(CheckSummary check, bool stderr)
    {
        ArgumentNullException.ThrowIfNull(check);
        var path = _bundle.PathOf($"{(stderr ? "stderr" : "stdout")}/{check.Name}_{check.Attempt}.txt");
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    /// <summary>
    /// Seals the run once, however it ended: <c>finish</c>, the client gone, or a signal. The claim is recorded as
    /// what the agent said, beside the outcome the checks decide; it never changes that outcome.
    /// </summary>
    public RunReport Finish(string endedBy, string? claimedOutcome = null, string? claimSummary = null)
    {
        lock (_gate)
        {
            if (_report is not null)
            {
                return _report;
            }

            var claim = claimedOutcome is null && claimSummary is null ? null : new JsonObject { ["outcome"] = claimedOutcome, ["summary"] = claimSummary };
            _trace.Emit(TraceEvents.SessionFinish, new JsonObject { ["ended_by"] = endedBy, ["claim"] = claim?.DeepClone() });
            _facts["agent"]!["ended_by"] = endedBy;
            _facts["agent"]!["claim"] = claim;
            _facts["agent"]!["tool_calls"] = _program.Calls;
            var report = Seal();
            _report = report;
            return report;
        }
    }

    private RunReport Seal()
    {
        var toolFailed = false;
        var neverRan = new List<string>();
        // Not assembled here: a session that wrote more than a program may hold (1 MiB) is still recorded whole, and
        // only its replay says it cannot assemble it. The manifest needs the ABI and the digest of what is stored.
        var program = new VmProgram(_program.Text, SyscallTable.Abi, [.. _options.Capabilities], [], []);
        try
        {
            ArtifactCollector.CollectOrRecord(_bundle, _options, _runner.Summaries, (string?)_facts["repo"]?["root"], _errors, _host.Artifacts);
            neverRan = RequiredChecks.NeverRan(_bundle, _options.Checks.Where(c => c.Required).Select(c => c.Name), _runner.Summaries, "the agent never ran it (run_check)");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            toolFailed = true;
            _errors.Add(new EvidenceError(Codes.Internal, $"{ex.GetType().Name}: {ex.Message}", "run again with --verbose and report it if it persists"));
        }

        _bundle.WriteJson(BundleLayout.CapabilityReport, _capabilities.ToJson(_redactor));
        var result = new VmResult(VmStatus.Halted, Value.Unit, _program.Steps);
        // Verified means a required check passed: a session that ran none verified nothing, whatever it claims.
        var nothingVerified = _inputErrors.Count == 0 && !toolFailed && !_interrupt.IsRaised && !_runner.Summaries.Any(c => c.Required) && neverRan.Count == 0;
        if (nothingVerified)
        {
            _errors.Add(new EvidenceError(Codes.NothingRan, "no required check ran in this session, so nothing verified the agent's work", "declare checks in evidence.yml and have the agent run them (run_check), or run a command with required: true"));
        }

        var outcome = nothingVerified
            ? Outcome.Blocked
            : OutcomeRules.Decide(_interrupt.IsRaised, toolFailed, _inputErrors.Count > 0, result, _runner.Summaries, neverRan.Count > 0, _capabilities.DeniedCount > 0);
        var exitCode = RunExitCode.Of(outcome, _inputErrors.Count > 0, _interrupt, result);
        var finishedAt = DateTimeOffset.UtcNow;
        _trace.Emit(TraceEvents.RunFinish, new JsonObject { [BundleFields.Outcome] = outcome.ToWire(), [BundleFields.ExitCode] = exitCode });
        _traceLines.Dispose();
        _checkLines.Dispose();
        _testLines.Dispose();
        BundleClosing.NoteWriteFailure(_bundle, _errors);
        var stored = Stored(whole: true);
        WriteProgress(stored);
        try
        {
            var sealedBundle = BundleClosing.Seal(
                _bundle,
                _errors,
                count => Manifest.Build(new RunEnd(_bundle.RunId, outcome, exitCode, _startedAt, finishedAt), _facts, program is null ? null : Manifest.Program(program, stored, result, _redactor), null, _runner.Summaries, count),
                () => Manifest.Redaction(_redactor.Summary()),
                _console.Messages);
            return RunReport.Of(outcome, exitCode, sealedBundle, [.. _errors.All.Select(e => e with { Message = _redactor.Redact(e.Message) })]) with { PushTo = _options.PushTo };
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            return BundleClosing.Unsealed(_bundle, outcome, exitCode, _errors, ex) with { PushTo = null };
        }
    }

    /// <summary>The program as the bundle keeps it: redacted whole when sealing, call by call while the session runs.</summary>
    private StoredProgram Stored(bool whole = false)
    {
        var text = whole ? _redactor.Redact(_program.ShownText) : _program.StoredText;
        return new StoredProgram(text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), whole ? text != _program.Text : _program.Redacted);
    }

    /// <summary>The program so far and the tool calls, replaced whole in staging so a crash leaves the last complete ones.</summary>
    /// <summary>
    /// The program so far and the tool calls, replaced whole in staging so a crash leaves the last complete ones. While
    /// the session runs their parts are already redacted (each call once, as it came), so a long session does not
    /// redact everything again per call; the sealed files (<paramref name="final"/>) pass the redactor whole.
    /// </summary>
    private void WriteProgress(StoredProgram? final = null)
    {
        var stored = final ?? Stored();
        var input = _bundle.Redact(ProgramStep.Input(SyscallTable.Abi, stored with { Text = string.Empty }, _options with { ProgramArguments = [] }, _redactor));
        input.Insert(0, BundleFields.SchemaVersion, BundleLayout.SchemaVersion);
        input["inputs"]!["program_file"] = "session.dasm";
        input["program"]!["text"] = stored.Text;
        if (final is not null)
        {
            _bundle.ReplaceJson(BundleLayout.InputSnapshot, input);
            _bundle.ReplaceJson(BundleLayout.ToolCalls, new JsonObject
            {
                [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
                ["calls"] = _toolCalls.DeepClone(),
            });
            return;
        }

        _bundle.ReplaceRedactedJson(BundleLayout.InputSnapshot, Encoding.UTF8.GetBytes(input.ToJsonString()));
        var calls = new StringBuilder("{\"schema_version\":").Append(BundleLayout.SchemaVersion).Append(",\"calls\":[");
        calls.AppendJoin(',', _toolCallTexts).Append("]}\n");
        _bundle.ReplaceRedactedJson(BundleLayout.ToolCalls, Encoding.UTF8.GetBytes(calls.ToString()));
    }

    /// <summary>A tool call's summary, redacted once: kept for the sealed file, and as text for the rewrites until then.</summary>
    private void Keep(JsonObject call)
    {
        var redacted = _bundle.Redact(call);
        _toolCalls.Add((JsonNode)redacted);
        _toolCallTexts.Add(redacted.ToJsonString());
    }

    private void WriteFacts() => _bundle.ReplaceJson(BundleLayout.FactsFile, new JsonObject
    {
        [BundleFields.StartedAt] = Timestamps.Format(_startedAt),
        ["facts"] = _facts.DeepClone(),
        [BundleFields.Missing] = RunControl.Missing(_bundle),
    });
}
