using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Inspection;

/// <summary>
/// <c>report</c>: one self-contained HTML file for a run (inline styles, no scripts, no external assets), built from
/// the bundle: outcome banner, checks, captured output, the diff with coloring, the trace as a timeline, redaction
/// and missing parts. Every value is HTML-escaped; the caller passes the page through the redactor before writing.
/// </summary>
public static class HtmlReport
{
    public const long MaxDiffBytes = 2 * 1024 * 1024;

    public static string Build(string bundlePath)
    {
        var run = RunInspection.Build(bundlePath);
        var html = new StringBuilder();
        var outcome = (string?)run[BundleFields.Outcome] ?? "unknown";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E($"{outcome}: run {run[BundleFields.RunId]}")).Append("</title>")
            .Append("<style>").Append(ReportStyle.Css).Append("</style></head><body>\n");
        Banner(html, run, outcome);
        TestsSection.Append(html, run["tests"] as JsonObject);
        Checks(html, bundlePath, run);
        Diff(html, bundlePath, run);
        Timeline(html, bundlePath, run);
        Summaries(html, run);
        html.Append("<footer>dotnet-evidence report · bundle ").Append(E(run["path"])).Append("</footer>\n</body></html>\n");
        return html.ToString();
    }

    private static void Banner(StringBuilder html, JsonObject run, string outcome)
    {
        html.Append("<header id=\"banner\" class=\"banner ").Append(E(outcome)).Append("\">")
            .Append("<h1><span id=\"outcome\">").Append(E(outcome.ToUpperInvariant())).Append("</span> run <code>").Append(E(run[BundleFields.RunId])).Append("</code></h1><p>")
            .Append("exit ").Append(E(run[BundleFields.ExitCode] ?? "none")).Append(" · started ").Append(E(run[BundleFields.StartedAt]))
            .Append(" · took ").Append(E(Seconds(run[BundleFields.DurationMs])));
        var repo = RepoSummary.Of(run);
        html.Append(" · ").Append(E(repo.Branch)).Append(" @ <code>").Append(E(repo.Commit)).Append("</code> · <span id=\"tree\">").Append(E(repo.Tree)).Append("</span>");

        if (run["ci"] is JsonObject ci)
        {
            html.Append(" · CI ").Append(E(ci["provider"]));
        }

        html.Append("</p></header>\n");
    }

    private static void Checks(StringBuilder html, string bundlePath, JsonObject run)
    {
        var checks = run["checks"]!.AsArray().OfType<JsonObject>().ToList();
        html.Append("<section id=\"checks\"><h2>Checks</h2>");
        if (checks.Count == 0)
        {
            html.Append("<p>No check ran.</p></section>\n");
            return;
        }

        html.Append("<table><thead><tr><th>Check</th><th>Attempt</th><th>Status</th><th>Required</th><th>Exit</th><th>Took</th></tr></thead><tbody>");
        foreach (var check in checks)
        {
            html.Append("<tr class=\"").Append(E(check[BundleFields.Status])).Append("\"><td>").Append(E(check["name"])).Append("</td><td>").Append(E(check[BundleFields.Attempt]))
                .Append("</td><td class=\"status\">").Append(E(check[BundleFields.Status])).Append("</td><td>").Append((bool?)check["required"] == false ? "no" : "yes")
                .Append("</td><td>").Append(E(check[BundleFields.ExitCode])).Append("</td><td>").Append(E(Seconds(check[BundleFields.DurationMs]))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        foreach (var check in checks)
        {
            var failing = (string?)check[BundleFields.Status] != "passed";
            html.Append("<details class=\"output\"").Append(failing ? " open" : string.Empty).Append("><summary>Output of ")
                .Append(E(check["name"])).Append(" #").Append(E(check[BundleFields.Attempt])).Append("</summary>");
            foreach (var stream in new[] { "stdout", "stderr" })
            {
                if ((string?)check[stream] is { } relative && File.Exists(Path.Combine(bundlePath, relative)))
                {
                    html.Append("<h3>").Append(stream).Append("</h3><pre class=\"").Append(stream).Append("\">")
                        .Append(E(File.ReadAllText(Path.Combine(bundlePath, relative)))).Append("</pre>");
                }
            }

            html.Append("</details>");
        }

        html.Append("</section>\n");
    }

    private static void Diff(StringBuilder html, string bundlePath, JsonObject run)
    {
        html.Append("<section id=\"diff\"><h2>Changes</h2>");
        var patch = Path.Combine(bundlePath, BundleLayout.Diff);
        if (run["diff"] is not JsonObject stat || !File.Exists(patch))
        {
            html.Append("<p>No diff in this bundle.</p></section>\n");
            return;
        }

        html.Append("<p>").Append(E(stat["files"])).Append(" file(s), <span class=\"add\">+").Append(E(stat["insertions"]))
            .Append("</span> <span class=\"del\">-").Append(E(stat["deletions"])).Append("</span></p><pre class=\"patch\">");
        long shown = 0;
        foreach (var line in File.ReadLines(patch))
        {
            if ((shown += line.Length + 1) > MaxDiffBytes)
            {
                html.Append("<span class=\"meta\">… the rest of diff.patch is not shown here (see the bundle)</span>");
                break;
            }

            var kind = line switch
            {
                _ when line.StartsWith("diff --git", StringComparison.Ordinal) => "file",
                _ when line.StartsWith("@@", StringComparison.Ordinal) => "hunk",
                _ when line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) => "meta",
                _ when line.StartsWith('+') => "add",
                _ when line.StartsWith('-') => "del",
                _ => "ctx",
            };
            // Block spans: one per line, so an empty line still takes its height.
            html.Append("<span class=\"").Append(kind).Append("\">").Append(line.Length == 0 ? " " : E(line)).Append("</span>");
        }

        html.Append("</pre></section>\n");
    }

    private static void Timeline(StringBuilder html, string bundlePath, JsonObject run)
    {
        var events = BundleLines.Read(bundlePath, BundleLayout.Trace);
        html.Append("<section id=\"timeline\"><h2>Timeline</h2>");
        if (events.Count == 0 || !DateTimeOffset.TryParse((string?)events[0]["ts"], CultureInfo.InvariantCulture, out var start))
        {
            html.Append("<p>No trace.</p></section>\n");
            return;
        }

        var end = DateTimeOffset.TryParse((string?)events[^1]["ts"], CultureInfo.InvariantCulture, out var last) ? last : start;
        var span = Math.Max(1, (end - start).TotalMilliseconds);
        var attempts = events.Where(e => (string?)e["type"] == TraceEvents.SyscallAttempt).ToDictionary(e => (long)e[BundleFields.Seq]!);
        html.Append("<div class=\"bars\">");
        foreach (var result in events.Where(e => (string?)e["type"] == TraceEvents.SyscallResult))
        {
            if (!attempts.TryGetValue((long)result["attempt_seq"]!, out var attempt))
            {
                continue;
            }

            var from = (Time(attempt) - start).TotalMilliseconds;
            var took = Math.Max(0, (Time(result) - Time(attempt)).TotalMilliseconds);
            var label = Describe(attempt);
            html.Append("<div class=\"lane\"><span class=\"label\" title=\"").Append(E(label)).Append("\">")
                .Append(E(label.Length > 60 ? label[..57] + "..." : label)).Append(" · ").Append(E(Seconds(took)))
                .Append("</span><span class=\"track\"><span class=\"bar ").Append(E(result[BundleFields.Status])).Append("\" style=\"margin-left:")
                .Append((from / span * 100).ToString("0.##", CultureInfo.InvariantCulture)).Append("%;width:")
                .Append(Math.Max(0.5, took / span * 100).ToString("0.##", CultureInfo.InvariantCulture)).Append("%\"></span></span></div>");
        }

        html.Append("</div><table class=\"events\"><thead><tr><th>seq</th><th>+ms</th><th>event</th><th>detail</th></tr></thead><tbody>");
        foreach (var e in events)
        {
            html.Append("<tr><td>").Append(E(e[BundleFields.Seq])).Append("</td><td>").Append(((long)(Time(e) - start).TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(E(e["type"])).Append(e["step"] is null ? string.Empty : $" (step {E(e["step"])})").Append("</td><td>")
                .Append(E(Describe(e))).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Summaries(StringBuilder html, JsonObject run)
    {
        html.Append("<section id=\"redaction\"><h2>Redaction</h2>");
        var hits = run["redaction"] as JsonObject;
        html.Append(hits is null || hits.Count == 0
            ? "<p>Nothing was masked.</p>"
            : "<table><thead><tr><th>Rule</th><th>Masked</th></tr></thead><tbody>" + string.Concat(hits.Select(h => $"<tr><td>{E(h.Key)}</td><td>{E(h.Value)}</td></tr>")) + "</tbody></table>");
        html.Append("</section>\n<section id=\"missing\"><h2>Missing parts</h2>");
        var missing = run[BundleFields.Missing]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        html.Append(missing.Count == 0
            ? "<p>Nothing is missing.</p>"
            : "<table><thead><tr><th>Part</th><th>Code</th><th>Why</th></tr></thead><tbody>" + string.Concat(missing.Select(m => $"<tr><td>{E(m["path"])}</td><td>{E(m["code"])}</td><td>{E(m["reason"])}</td></tr>")) + "</tbody></table>");
        html.Append("</section>\n<section id=\"errors\"><h2>Errors</h2>");
        var errors = run["errors"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        html.Append(errors.Count == 0
            ? "<p>No errors.</p>"
            : "<table><thead><tr><th>Code</th><th>What</th><th>What to do</th></tr></thead><tbody>" + string.Concat(errors.Select(e => $"<tr><td>{E(e["code"])}</td><td>{E(e["message"])}</td><td>{E(e["hint"])}</td></tr>")) + "</tbody></table>");
        html.Append("</section>\n");
    }

    private static string Describe(JsonObject e) => (string?)e["type"] switch
    {
        TraceEvents.SyscallAttempt => $"{e["syscall"]?["name"]} {Argv(e["args"]?[0])}",
        TraceEvents.SyscallResult => $"{e["syscall"]?["name"]} → {e[BundleFields.Status]} {(e["result"] ?? e["error"]?["code"])?.ToJsonString()}",
        TraceEvents.RunStart => $"{e["tool"]?["name"]} {e["tool"]?["version"]} via {e["front_end"]}",
        TraceEvents.RunFinish or TraceEvents.StepFinish => $"{e[BundleFields.Outcome]}, exit {e[BundleFields.ExitCode]}",
        TraceEvents.StepStart => $"checks {e["checks"]?.ToJsonString()}",
        _ => string.Empty,
    };

    private static string Argv(JsonNode? args) => args is JsonArray list ? string.Join(' ', list.Select(a => (string?)(a as JsonValue)?.ToString() ?? a?.ToJsonString())) : string.Empty;

    private static DateTimeOffset Time(JsonObject e) => DateTimeOffset.Parse((string)e["ts"]!, CultureInfo.InvariantCulture);

    internal static string Seconds(JsonNode? ms) => ms is null ? "-" : Seconds((double)(long)ms);

    private static string Seconds(double ms) => (ms / 1000).ToString("0.0##", CultureInfo.InvariantCulture) + " s";

    internal static string E(object? value) => WebUtility.HtmlEncode(value switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonNode n => n.ToJsonString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    });
}
