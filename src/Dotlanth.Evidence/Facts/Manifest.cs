using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Facts;

/// <summary>bundle.json without its file list, which the writer adds when it seals.</summary>
internal static class Manifest
{
    private static readonly string[] FactNames = ["parent_run_id", "resumed", "invocation", "repo", "ci", "spec", "budgets", "agent"];

    /// <summary>
    /// The facts fixed when a run opens (how it was invoked, the repository, CI, spec, budgets). A run made of steps
    /// keeps them from <c>begin</c> until <c>end</c> writes them.
    /// </summary>
    public static JsonObject Facts(BundleWriter bundle, RunOptions options, RepoFacts? repo, IReadOnlyDictionary<string, string> env) => new()
    {
        ["parent_run_id"] = options.ParentRunId,
        ["resumed"] = options.Resume?.ToJson(),
        ["invocation"] = new JsonObject
        {
            ["front_end"] = options.FrontEnd,
            ["argv"] = Strings(bundle.Redactor.RedactArgv(options.Invocation)),
            ["command"] = Strings(bundle.Redactor.RedactArgv(options.Command)),
            ["cwd"] = options.WorkingDirectory,
            ["config"] = options.Config?.Path,
        },
        ["repo"] = repo is null ? null : new JsonObject
        {
            ["root"] = repo.Root,
            ["commit"] = repo.Commit,
            ["branch"] = repo.Branch,
            ["dirty"] = repo.Dirty,
            ["remote"] = repo.Remote,
            ["shallow"] = repo.Shallow,
            ["changed_files"] = repo.ChangedFiles,
        },
        ["ci"] = CiFacts.Detect(env),
        ["spec"] = options.Config?.SpecId is { } specId ? new JsonObject { ["id"] = specId, ["version"] = options.Config.SpecVersion } : null,
        ["budgets"] = new JsonObject
        {
            ["max_output_bytes"] = options.MaxOutputBytes,
            ["diff_budget_bytes"] = options.DiffBudgetBytes,
            ["timeout_ms"] = options.Timeout is { } t ? (long)t.TotalMilliseconds : null,
            ["kill_grace_ms"] = (long)options.KillGrace.TotalMilliseconds,
            ["max_steps"] = options.MaxSteps,
            ["max_minutes"] = options.MaxDuration is { } d ? d.TotalMinutes : null,
        },
    };

    public static JsonObject Build(
        RunEnd end,
        JsonObject facts,
        JsonObject? program,
        JsonArray? steps,
        IReadOnlyList<CheckSummary> checks,
        int errorCount)
    {
        ArgumentNullException.ThrowIfNull(end);
        var manifest = new JsonObject
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
            [BundleFields.RunId] = end.RunId,
            [BundleFields.Outcome] = end.Outcome.ToWire(),
            [BundleFields.ExitCode] = end.ExitCode,
            [BundleFields.StartedAt] = Timestamps.Format(end.StartedAt),
            [BundleFields.FinishedAt] = Timestamps.Format(end.FinishedAt),
            [BundleFields.DurationMs] = (long)(end.FinishedAt - end.StartedAt).TotalMilliseconds,
            ["tool"] = ToolInfo.ToJson(),
        };
        foreach (var name in FactNames)
        {
            manifest[name] = facts[name]?.DeepClone();
        }

        manifest["program"] = program;
        manifest[BundleFields.Steps] = steps;
        manifest["checks"] = new JsonObject
        {
            ["total"] = checks.Count,
            ["passed"] = checks.Count(c => c.Status == CheckStatus.Passed),
            ["failed"] = checks.Count(c => c.Status == CheckStatus.Failed),
            ["timed_out"] = checks.Count(c => c.Status == CheckStatus.TimedOut),
            ["cancelled"] = checks.Count(c => c.Status == CheckStatus.Cancelled),
            ["blocked"] = checks.Count(c => c.Status == CheckStatus.Blocked),
        };
        manifest["errors"] = errorCount;
        return manifest;
    }

    /// <summary>What became of a program: its digest, how it ended, the steps it took and what it returned.</summary>
    public static JsonObject? Program(VmProgram? program, StoredProgram? stored, VmResult? result, IRedactor redactor) => program is null ? null : new JsonObject
    {
        ["abi"] = program.Abi,
        ["sha256"] = stored?.Sha256,
        [BundleFields.Status] = result is null ? null : StatusName(result.Status),
        [BundleFields.Steps] = result?.Steps,
        ["returned"] = result is null ? null : ValueJson.ToJson(result.Returned, redactor),
    };

    /// <summary>Taken last, once everything else (the manifest included) has passed the redactor.</summary>
    public static JsonObject Redaction(RedactionSummary redaction) => new()
    {
        ["policy"] = redaction.Policy,
        ["catalog_version"] = redaction.CatalogVersion,
        ["hits"] = new JsonObject([.. redaction.Hits.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))]),
        ["known_values"] = redaction.KnownValues,
        ["dropped_short_values"] = redaction.DroppedShortValues,
        ["builtin_rules"] = redaction.BuiltInRules,
        ["user_rules"] = redaction.UserRules,
    };

    private static string StatusName(VmStatus status) => status switch
    {
        VmStatus.Returned => "returned",
        VmStatus.Halted => "halted",
        VmStatus.Faulted => "faulted",
        _ => "budget_exceeded",
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
