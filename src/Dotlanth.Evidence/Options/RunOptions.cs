using System.Collections.Immutable;
using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Options;

/// <summary>
/// The contract between front ends (CLI, MSBuild, Action) and the core: everything a run needs, already parsed.
/// Problems a front end found in its input travel here too, so the run still seals a bundle that says why it stopped.
/// </summary>
public sealed record RunOptions
{
    public const long DefaultMaxOutputBytes = 64 * 1024;
    public const long DefaultDiffBudgetBytes = 8 * 1024 * 1024;

    /// <summary>The environment variable that names the open run later commands append to.</summary>
    public const string RunIdVariable = "EVIDENCE_RUN_ID";

    /// <summary>The ad-hoc command of <c>run -- cmd</c>; empty when the checks come from evidence.yml.</summary>
    public ImmutableArray<string> Command { get; init; } = [];

    /// <summary>What to run, in order. Built from <see cref="Command"/> or from the configuration.</summary>
    public ImmutableArray<CheckDefinition> Checks { get; init; } = [];

    /// <summary>Run every check even after a required one failed (default: stop, as make and set -e do).</summary>
    public bool KeepGoing { get; init; }

    public long MaxSteps { get; init; } = Vm.Interpreter.DefaultStepBudget;

    /// <summary>Wall-clock budget for the whole run; exceeding it stops the run as blocked.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>The configuration the checks came from, when they did.</summary>
    public EvidenceConfig? Config { get; init; }

    /// <summary>Null: derived from the program name.</summary>
    public string? CheckName { get; init; }

    public TimeSpan? Timeout { get; init; }

    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Null: <c>.evidence</c> at the repository root, else in the working directory.</summary>
    public string? StoreRoot { get; init; }

    /// <summary>A store URI (a folder or s3://bucket/prefix) every sealed bundle is pushed to; null: evidence.yml's, if any.</summary>
    public string? PushTo { get; init; }

    public long MaxOutputBytes { get; init; } = DefaultMaxOutputBytes;

    public long DiffBudgetBytes { get; init; } = DefaultDiffBudgetBytes;

    /// <summary>Diff against the merge-base with this ref (a PR's target) instead of HEAD.</summary>
    public string? DiffBase { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>How the tool itself was invoked, for the manifest (redacted like everything else).</summary>
    public ImmutableArray<string> Invocation { get; init; } = [];

    public string FrontEnd { get; init; } = "cli";

    /// <summary>The environment the run sees; the process environment when null.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public ImmutableArray<EvidenceError> InputErrors { get; init; } = [];

    /// <summary>
    /// Append to this open run (begun with <c>begin</c>) as one more step instead of making a bundle of its own.
    /// Front ends take it from <c>--into</c> or <see cref="RunIdVariable"/>.
    /// </summary>
    public string? Into { get; init; }

    /// <summary>For <c>end</c>: how long to wait for steps still running before giving up (the run then stays open).</summary>
    public TimeSpan WaitForSteps { get; init; }

    /// <summary>For <c>run -- cmd</c>: the test reports the command writes (<c>--tests</c>); null asks pytest for one, empty reads none.</summary>
    public ImmutableArray<string>? TestReports { get; init; }

    /// <summary>For <c>exec</c>: the DotVM program to run instead of checks, and the file it came from (for error positions).</summary>
    public string? ProgramText { get; init; }

    public string? ProgramFile { get; init; }

    /// <summary>The program's arguments; r0 holds them as a list of strings when it starts.</summary>
    public ImmutableArray<string> ProgramArguments { get; init; } = [];

    /// <summary>Capabilities granted by configuration, on top of the program's own <c>.cap</c> lines.</summary>
    public ImmutableArray<Vm.Capability> Capabilities { get; init; } = [];

    /// <summary>For <c>replay --live</c>: the run this one re-executes (bundle.json <c>parent_run_id</c>).</summary>
    public string? ParentRunId { get; init; }

    /// <summary>For <c>resume</c>: the recorded calls answered without effect before the program goes on live.</summary>
    public ResumePoint? Resume { get; init; }

    /// <summary>The user's additions to redaction (patterns, sensitive names, allowlist, known values).</summary>
    public RedactionOptions Redaction { get; init; } = RedactionOptions.Default;
}
