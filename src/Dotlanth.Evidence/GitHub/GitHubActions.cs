using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Inspection;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.GitHub;

/// <summary>
/// What a run tells GitHub Actions: step outputs (heredoc-delimited, random delimiters), a job summary (under the
/// 1 MiB limit), error annotations for failed checks (at most 10, with file and line when the output names them),
/// and a stop-commands token so a child's output cannot inject workflow commands.
/// </summary>
public sealed class GitHubActions(IReadOnlyDictionary<string, string> environment, IRedactor redactor)
{
    public const int MaxAnnotations = 10;
    public const int SummaryLimit = 1024 * 1024;
    private const int SummaryBudget = SummaryLimit - (64 * 1024);

    public static bool IsActive(IReadOnlyDictionary<string, string> environment) =>
        environment is not null && environment.TryGetValue("GITHUB_ACTIONS", out var value) && value == "true";

    /// <summary>A fresh token: between <c>::stop-commands::TOKEN</c> and <c>::TOKEN::</c> the runner ignores commands.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Appends name/value pairs to $GITHUB_OUTPUT, each as a heredoc with a delimiter no value can contain.</summary>
    public void WriteOutputs(IEnumerable<(string Name, string Value)> outputs)
    {
        if (!environment.TryGetValue("GITHUB_OUTPUT", out var path) || path.Length == 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            var safe = redactor.Redact(value);
            string delimiter;
            do
            {
                delimiter = "EVIDENCE_" + NewToken();
            }
            while (safe.Contains(delimiter, StringComparison.Ordinal));

            text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(safe).Append('\n').Append(delimiter).Append('\n');
        }

        File.AppendAllText(path, text.ToString());
    }

    /// <summary>Appends the run's summary to $GITHUB_STEP_SUMMARY.</summary>
    public void WriteSummary(string bundlePath)
    {
        // EVIDENCE_GITHUB_SUMMARY=false: the Action's 'summary: false', or a step whose summary another step wrote.
        if (environment.TryGetValue("EVIDENCE_GITHUB_SUMMARY", out var wanted) && wanted == "false")
        {
            return;
        }

        if (environment.TryGetValue("GITHUB_STEP_SUMMARY", out var path) && path.Length > 0)
        {
            File.AppendAllText(path, Summary(bundlePath));
        }
    }

    /// <summary>Markdown for the job summary: outcome, checks with durations, failing output tails, redaction counts.</summary>
    public string Summary(string bundlePath)
    {
        var run = RunInspection.Build(bundlePath);
        var text = new StringBuilder();
        var outcome = (string?)run[BundleFields.Outcome] ?? "unknown";
        text.Append(CultureInfo.InvariantCulture, $"### {Icon(outcome)} Evidence: {outcome} (run `{run[BundleFields.RunId]}`)\n\n");
        var repo = RepoSummary.Of(run);
        text.Append(CultureInfo.InvariantCulture, $"Commit `{repo.Commit}` on `{repo.Branch}`, {repo.Tree}, exit code {run[BundleFields.ExitCode]?.ToJsonString() ?? "none"}.\n\n");

        var checks = run["checks"]!.AsArray().OfType<JsonObject>().ToList();
        if (checks.Count > 0)
        {
            text.Append("| Check | Attempt | Status | Exit | Duration |\n|---|---|---|---|---|\n");
            foreach (var check in checks)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Cell(check["name"])} | {check[BundleFields.Attempt]} | {Icon((string?)check[BundleFields.Status])} {check[BundleFields.Status]} | {check[BundleFields.ExitCode]} | {((long?)check[BundleFields.DurationMs] ?? 0) / 1000.0:0.0#} s |\n");
            }

            text.Append('\n');
        }

        if (run["tests"] is JsonObject tests)
        {
            AppendTests(text, tests);
        }

        foreach (var check in checks.Where(c => c["tail"] is JsonArray { Count: > 0 }))
        {
            var tail = string.Join('\n', check["tail"]!.AsArray().Select(l => (string?)l ?? string.Empty));
            var block = $"<details><summary>Last lines of {Cell(check["name"])} #{check[BundleFields.Attempt]}</summary>\n\n```text\n{tail.Replace("```", "'''", StringComparison.Ordinal)}\n```\n\n</details>\n\n";
            if (text.Length + block.Length > SummaryBudget)
            {
                text.Append("_More failing output is in the bundle._\n\n");
                break;
            }

            text.Append(block);
        }

        if (run["redaction"] is JsonObject hits && hits.Count > 0)
        {
            text.Append("Redacted: ").AppendJoin(", ", hits.Select(h => $"{h.Key} × {h.Value}")).Append(".\n\n");
        }

        var summary = redactor.Redact(text.ToString());
        return summary.Length <= SummaryBudget ? summary : summary[..SummaryBudget] + "\n\n_The summary was cut to fit GitHub's limit; the bundle has everything._\n";
    }

    /// <summary>
    /// Error annotations, at most <see cref="MaxAnnotations"/>, as workflow command lines: each failing test at its file
    /// and line first, then each failed check whose tests named no failure.
    /// </summary>
    public IReadOnlyList<string> Annotations(string bundlePath)
    {
        var run = RunInspection.Build(bundlePath);
        var lines = new List<string>();
        var failingTests = run["tests"]?["failing"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        foreach (var test in failingTests.Take(MaxAnnotations))
        {
            var title = Property($"{test["name"]} {test[BundleFields.Status]} [{test["check"]}]");
            var where = (string?)test["file"] is { } file && !Path.IsPathRooted(file)
                ? $"file={Property(file)},{((int?)test["line"] is { } line ? $"line={line}," : string.Empty)}"
                : string.Empty;
            var message = redactor.Redact((string?)test["message"] ?? (string?)test["failure_type"] ?? $"the test {test[BundleFields.Status]}");
            lines.Add($"::error {where}title={title}::{Data(message)}");
        }

        var annotatedChecks = failingTests.Select(t => (string?)t["check"]).ToHashSet(StringComparer.Ordinal);
        foreach (var check in run["checks"]!.AsArray().OfType<JsonObject>()
            .Where(c => (string?)c[BundleFields.Status] != "passed" && !annotatedChecks.Contains((string?)c["name"]))
            .Take(MaxAnnotations - lines.Count))
        {
            var tail = check["tail"]?.AsArray().Select(l => (string?)l ?? string.Empty).ToList() ?? [];
            var location = OutputLocation.Find(tail);
            var message = redactor.Redact($"check {check["name"]} {check[BundleFields.Status]} (exit {check[BundleFields.ExitCode]}): {tail.LastOrDefault() ?? "no output"}");
            var properties = location is { } at
                ? $"file={Property(at.File)},line={at.Line},title={Property($"evidence: {check["name"]}")}"
                : $"title={Property($"evidence: {check["name"]}")}";
            lines.Add($"::error {properties}::{Data(message)}");
        }

        return lines;
    }

    /// <summary>The one error annotation a gate that is not met gets (null when it is met).</summary>
    public static string? GateAnnotation(Verification.VerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Met)
        {
            return null;
        }

        var why = report.Valid
            ? "gate not met: " + string.Join("; ", report.Conditions.Where(c => !c.Met).Select(c => $"{c.Name} ({c.Detail})"))
            : $"bundle invalid: {report.Problems[0].File}: {report.Problems[0].Message}";
        return $"::error title=evidence gate::{Data(why)}";
    }

    private static void AppendTests(StringBuilder text, JsonObject tests)
    {
        text.Append(CultureInfo.InvariantCulture, $"**Tests:** {tests["total"]} total, {tests["passed"]} passed, {tests["failed"]} failed, {tests["errors"]} errors, {tests["skipped"]} skipped, {tests["flaky"]} flaky.\n\n");
        foreach (var check in tests["incomplete_checks"]?.AsArray() ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"⚠️ The test reports of {Cell(check)} are missing or unreadable: the counts lack them.\n\n");
        }

        var failing = tests["failing"]!.AsArray().OfType<JsonObject>().ToList();
        if (failing.Count > 0)
        {
            text.Append("| Failing test | Check | Where | Message |\n|---|---|---|---|\n");
            foreach (var test in failing)
            {
                var row = $"| {Cell(test["name"])} | {Cell(test["check"])} | {(TestsInspection.Location(test) is { } at ? $"`{Cell(JsonValue.Create(at))}`" : "-")} | {Cell(JsonValue.Create(FirstLine((string?)test["message"])))} |\n";
                if (text.Length + row.Length > SummaryBudget / 2)
                {
                    text.Append("| … | | | more in the bundle (`dotnet evidence tests failing`) |\n");
                    break;
                }

                text.Append(row);
            }

            if ((int?)tests["failing_not_listed"] is > 0 and var more)
            {
                text.Append(CultureInfo.InvariantCulture, $"| … | | | {more} more in the bundle |\n");
            }

            text.Append('\n');
        }

        var flaky = tests["flaky_tests"]!.AsArray().OfType<JsonObject>().ToList();
        if (flaky.Count > 0)
        {
            text.Append("Flaky (passed after failing): ").AppendJoin(", ", flaky.Take(20).Select(t => $"`{Cell(t["name"])}`")).Append(flaky.Count > 20 ? ", …" : string.Empty).Append(".\n\n");
        }
    }

    private static string FirstLine(string? text)
    {
        var first = text is null ? string.Empty : text.Split('\n')[0].Trim();
        return first.Length > 200 ? first[..200] + "…" : first;
    }

    private static string Icon(string? status) => status switch
    {
        "verified" or "passed" => "✅",
        "cancelled" => "⏹️",
        _ => "❌",
    };

    private static string Cell(JsonNode? value) => ((string?)value ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Workflow command escaping (as @actions/core does) for data and for property values.</summary>
    private static string Data(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
