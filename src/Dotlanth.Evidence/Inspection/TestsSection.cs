using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Inspection;

/// <summary>
/// The report's tests section: totals, then one table with the failing tests first (message and stack), then the
/// flaky, then the rest; radio buttons filter it with CSS alone (failing, flaky, all), as the page has no scripts.
/// </summary>
internal static class TestsSection
{
    public static void Append(StringBuilder html, JsonObject? tests)
    {
        if (tests is null)
        {
            return;
        }

        var failing = tests["failing"]!.AsArray().OfType<JsonObject>().ToList();
        var flaky = tests["flaky_tests"]!.AsArray().OfType<JsonObject>().ToList();
        var flakyKeys = flaky.Select(Key).ToHashSet();
        var shown = failing.Select(Key).ToHashSet();
        var rest = tests["cases"]!.AsArray().OfType<JsonObject>().Where(c => !shown.Contains(Key(c)))
            .OrderByDescending(c => flakyKeys.Contains(Key(c))).ToList();
        html.Append("<section id=\"tests\"><h2>Tests</h2><p id=\"test-totals\">")
            .Append(HtmlReport.E(tests["total"])).Append(" total · ").Append(HtmlReport.E(tests["passed"])).Append(" passed · ")
            .Append(HtmlReport.E(tests["failed"])).Append(" failed · ").Append(HtmlReport.E(tests["errors"])).Append(" errors · ")
            .Append(HtmlReport.E(tests["skipped"])).Append(" skipped · ").Append(HtmlReport.E(tests["flaky"])).Append(" flaky</p>");
        foreach (var check in tests["incomplete_checks"]?.AsArray() ?? [])
        {
            html.Append("<p class=\"warning\">The test reports of ").Append(HtmlReport.E(check)).Append(" are missing or unreadable: the counts lack them (see Missing parts).</p>");
        }

        var listedAll = (int)tests["total"]! <= failing.Count + rest.Count;
        html.Append("<div class=\"filters\">")
            .Append("<input type=\"radio\" name=\"test-filter\" id=\"tf-failing\"").Append(failing.Count > 0 ? " checked" : string.Empty).Append("><label for=\"tf-failing\">Failing (").Append(failing.Count).Append(")</label>")
            .Append("<input type=\"radio\" name=\"test-filter\" id=\"tf-flaky\"><label for=\"tf-flaky\">Flaky (").Append(flaky.Count).Append(")</label>")
            .Append("<input type=\"radio\" name=\"test-filter\" id=\"tf-all\"").Append(failing.Count == 0 ? " checked" : string.Empty).Append("><label for=\"tf-all\">All").Append(listedAll ? string.Empty : " listed").Append("</label>")
            .Append("<table id=\"test-table\"><thead><tr><th>Status</th><th>Test</th><th>Check</th><th>Where</th><th>Took</th><th>Message</th></tr></thead><tbody>");
        foreach (var test in failing)
        {
            Row(html, test, flakyKeys, detailed: true);
        }

        foreach (var test in rest)
        {
            Row(html, test, flakyKeys, detailed: false);
        }

        html.Append("</tbody></table></div>");
        if (!listedAll)
        {
            html.Append("<p>Only the first tests are listed here; <code>dotnet evidence tests</code> and tests.jsonl in the bundle have every case.</p>");
        }

        html.Append("</section>\n");
    }

    private static void Row(StringBuilder html, JsonObject test, HashSet<(string?, string?)> flaky, bool detailed)
    {
        var status = (string?)test[BundleFields.Status];
        html.Append("<tr class=\"t-").Append(HtmlReport.E(status)).Append(flaky.Contains(Key(test)) ? " t-flaky" : string.Empty).Append("\"><td class=\"status\">")
            .Append(HtmlReport.E(status)).Append("</td><td class=\"name\">").Append(HtmlReport.E(test["name"])).Append("</td><td>").Append(HtmlReport.E(test["check"]))
            .Append("</td><td><code>").Append(HtmlReport.E(TestsInspection.Location(test))).Append("</code></td><td>").Append(HtmlReport.E(HtmlReport.Seconds(test[BundleFields.DurationMs])))
            .Append("</td><td class=\"message\">");
        if (detailed)
        {
            html.Append(HtmlReport.E(test["message"]));
            if ((string?)test["details"] is { } details)
            {
                html.Append("<details><summary>details</summary><pre>").Append(HtmlReport.E(details)).Append("</pre></details>");
            }
        }

        html.Append("</td></tr>");
    }

    private static (string?, string?) Key(JsonObject test) => ((string?)test["check"], (string?)test["name"]);
}
