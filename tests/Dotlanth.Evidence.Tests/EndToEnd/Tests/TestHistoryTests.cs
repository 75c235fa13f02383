using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Tests;

/// <summary>Using the test records: flaky tests across runs and within one, history, compare, the report page, GitHub.</summary>
public sealed class TestHistoryTests
{
    /// <summary>A command that writes a JUnit report in which 'toggle' passes or fails as FLIP says, and exits accordingly.</summary>
    private static string[] Suite(string name = "unit") =>
    [
        "run", "--name", name, "--tests", "junit.xml", "--", "sh", "-c",
        """
        if [ "$FLIP" = 1 ]; then verdict='<failure message="expected 1 but was 2" type="AssertionError">at app.ToggleTest.toggle(ToggleTest.java:14)</failure>'; code=1; else verdict=''; code=0; fi
        printf '<testsuite name="app"><testcase classname="app.ToggleTest" name="toggle" time="0.25">%s</testcase><testcase classname="app.ToggleTest" name="steady" time="1.5"/></testsuite>' "$verdict" > junit.xml
        exit $code
        """,
    ];

    private static Dictionary<string, string?> Flip(bool on) => new() { ["FLIP"] = on ? "1" : "0" };

    [Fact]
    public void A_test_that_failed_and_passed_on_the_same_commit_and_tree_is_flaky_and_its_history_shows_both()
    {
        using var repo = TempRepo.Create();
        repo.Write(".gitignore", "junit.xml\n");
        Processes.Git(repo.Path, "add", ".");
        Processes.Git(repo.Path, "commit", "-qm", "ignore reports");
        Assert.Equal(1, EvidenceCli.Run(repo.Path, Suite(), Flip(true)).ExitCode);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, Suite(), Flip(false)).ExitCode);
        // A failure on another commit is not flakiness: the code changed.
        repo.Write("src/app.txt", "changed\n");
        Processes.Git(repo.Path, "commit", "-qam", "change");
        Assert.Equal(1, EvidenceCli.Run(repo.Path, Suite("other"), Flip(true)).ExitCode);

        var flaky = EvidenceCli.Run(repo.Path, "tests", "flaky", "--json");

        Assert.Equal(0, flaky.ExitCode);
        var line = JsonNode.Parse(Assert.Single(flaky.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)))!;
        Assert.Equal(("unit", "app.ToggleTest.toggle", 1, 1, 1), ((string)line["check"]!, (string)line["name"]!, (int)line["trees"]!, (int)line["failures"]!, (int)line["passes"]!));
        Assert.Equal(("ToggleTest.java", 14), ((string)line["file"]!, (int)line["line"]!));

        var history = EvidenceCli.Run(repo.Path, "tests", "history", "app.ToggleTest.toggle", "--json");
        var entries = history.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["failed", "passed", "failed"], entries.Select(e => (string)e["status"]!));
        Assert.Equal(["other", "unit", "unit"], entries.Select(e => (string)e["check"]!));

        // gc of the run that failed takes its failure out of the tally: the test is no longer flaky.
        var failedRun = (string)entries[2]["run_id"]!;
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "gc", "--keep", "2").ExitCode);
        Assert.DoesNotContain(failedRun, EvidenceCli.Run(repo.Path, "ls").Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, EvidenceCli.Run(repo.Path, "tests", "flaky", "--json").Stdout);
        // Rebuilt from the bundles, the index says the same.
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "reindex").ExitCode);
        Assert.Equal(string.Empty, EvidenceCli.Run(repo.Path, "tests", "flaky", "--json").Stdout);
        Assert.Equal(2, EvidenceCli.Run(repo.Path, "tests", "history", "app.ToggleTest.toggle", "--json").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_test_that_passed_on_a_retry_within_one_run_is_flaky_there_and_in_the_index()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);
        Assert.Equal(1, EvidenceCli.Run(repo.Path, Suite(), new Dictionary<string, string?>(run.Env) { ["FLIP"] = "1" }).ExitCode);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, Suite(), new Dictionary<string, string?>(run.Env) { ["FLIP"] = "0" }).ExitCode);
        run.End();

        var inspect = EvidenceCli.Run(repo.Path, "inspect", "last");
        Assert.Contains("flaky app.ToggleTest.toggle  [unit]", inspect.Stdout, StringComparison.Ordinal);
        Assert.Contains("tests    2 total: 2 passed, 0 failed, 0 errors, 0 skipped, 1 flaky", inspect.Stdout, StringComparison.Ordinal);
        var flaky = JsonNode.Parse(EvidenceCli.Run(repo.Path, "tests", "flaky", "--json").Stdout)!;
        Assert.Equal("app.ToggleTest.toggle", (string)flaky["name"]!);
        SchemaValidator.AssertValid(BundleOnDisk.Only(repo.Combine(".evidence")).Path);
    }

    [Fact]
    public void Compare_names_the_newly_failing_test_and_fails_on_it_as_a_regression()
    {
        using var repo = TempRepo.Create();
        EvidenceCli.Run(repo.Path, [.. Suite()[..^4], "--", "sh", "-c", "printf '<testsuite name=\"app\"><testcase classname=\"app.ToggleTest\" name=\"toggle\" time=\"0.25\"/><testcase classname=\"app.ToggleTest\" name=\"steady\" time=\"1.5\"/><testcase classname=\"app.ToggleTest\" name=\"gone\"/></testsuite>' > junit.xml"]);
        // Same checks, the candidate's check passes (accepted exit 0) yet a test inside it now fails.
        var candidate = EvidenceCli.Run(repo.Path, [.. Suite()[..^4], "--", "sh", "-c", "printf '<testsuite name=\"app\"><testcase classname=\"app.ToggleTest\" name=\"toggle\" time=\"0.25\"><failure message=\"boom\">at app.ToggleTest.toggle(ToggleTest.java:14)</failure></testcase><testcase classname=\"app.ToggleTest\" name=\"steady\" time=\"4.5\"/><testcase classname=\"app.ToggleTest\" name=\"fresh\"/></testsuite>' > junit.xml"]);
        Assert.Equal(0, candidate.ExitCode);

        var compare = EvidenceCli.Run(repo.Path, "compare", "last", "--fail-on", "regression", "--json");

        Assert.Equal(1, compare.ExitCode);
        var tests = JsonNode.Parse(compare.Stdout)!["tests"]!;
        Assert.Equal("app.ToggleTest.toggle", (string)tests["newly_failing"]![0]!["name"]!);
        Assert.Equal(["app.ToggleTest.fresh"], tests["added"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.Equal(["app.ToggleTest.gone"], tests["removed"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.Equal(("app.ToggleTest.steady", 3000), ((string)tests["duration_changes"]![0]!["name"]!, (int)tests["duration_changes"]![0]!["delta"]!));
        var text = EvidenceCli.Run(repo.Path, "compare", "last");
        Assert.Contains("REGRESSION test app.ToggleTest.toggle (unit) went from passing to failed", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_page_lists_failing_tests_first_and_its_filter_works_in_a_real_browser()
    {
        using var repo = TempRepo.Create();
        EvidenceCli.Run(repo.Path, Suite(), Flip(true));
        var page = repo.Combine("report.html");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "report", "last", "-o", page).ExitCode);
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        // The page has no scripts; this copy adds one that writes down what the browser shows, per row and per filter.
        var probe = repo.Combine("probe.html");
        File.WriteAllText(probe, html.Replace("</body>", """
            <script>
            const shown = () => [...document.querySelectorAll('#test-table tbody tr')].map(r => r.querySelector('.name').textContent + '=' + getComputedStyle(r).display).join(';');
            const out = [shown()];
            document.getElementById('tf-all').checked = true; out.push(shown());
            document.getElementById('tf-flaky').checked = true; out.push(shown());
            document.body.setAttribute('data-probe', out.join('|'));
            </script></body>
            """, StringComparison.Ordinal));

        var dom = Chromium.DumpDom(probe);

        var probed = System.Text.RegularExpressions.Regex.Match(dom, "data-probe=\"([^\"]*)\"").Groups[1].Value.Split('|');
        Assert.Equal("app.ToggleTest.toggle=table-row;app.ToggleTest.steady=none", probed[0]);
        Assert.Equal("app.ToggleTest.toggle=table-row;app.ToggleTest.steady=table-row", probed[1]);
        Assert.Equal("app.ToggleTest.toggle=none;app.ToggleTest.steady=none", probed[2]);
        Assert.Contains("<code>ToggleTest.java:14</code>", dom, StringComparison.Ordinal);
        Assert.Contains("2 total · 1 passed · 1 failed · 0 errors · 0 skipped · 0 flaky", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void On_github_the_summary_lists_failing_tests_and_the_annotation_points_at_the_tests_file_and_line()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/ToggleTest.java", "class ToggleTest {}\n");
        using var scratch = new TempFolder();
        var summary = scratch.Write("summary.md", string.Empty);
        var env = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary, ["FLIP"] = "1" };

        var run = EvidenceCli.Run(repo.Path, ["run", "--github", .. Suite()[1..]], env);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::error file=src/ToggleTest.java,line=14,title=app.ToggleTest.toggle failed [unit]::expected 1 but was 2", run.Stdout, StringComparison.Ordinal);
        var markdown = File.ReadAllText(summary);
        Assert.Contains("| app.ToggleTest.toggle | unit | `src/ToggleTest.java:14` | expected 1 but was 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Tests:** 2 total, 1 passed, 1 failed", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Attest_and_sign_emit_the_in_toto_test_result_predicate_beside_the_run_statement()
    {
        using var repo = TempRepo.Create();
        EvidenceCli.Run(repo.Path, Suite(), Flip(true));

        var attest = EvidenceCli.Run(repo.Path, "attest", "last", "--predicate", "test-result");

        Assert.Equal(0, attest.ExitCode);
        var statement = JsonNode.Parse(attest.Stdout)!;
        Assert.Equal("https://in-toto.io/attestation/test-result/v0.1", (string)statement["predicateType"]!);
        var predicate = statement["predicate"]!;
        Assert.Equal("FAILED", (string)predicate["result"]!);
        Assert.Equal(["unit/app.ToggleTest.toggle"], predicate["failedTests"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["unit/app.ToggleTest.steady"], predicate["passedTests"]!.AsArray().Select(t => (string)t!));
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        var report = bundle.Manifest["files"]!.AsArray().Single(f => (string)f!["path"]! == "tests/unit_1/junit.xml")!;
        Assert.Equal((string)report["sha256"]!, (string)predicate["configuration"]![0]!["digest"]!["sha256"]!);
        // The subject is the bundle digest, as in the run statement.
        var run = JsonNode.Parse(EvidenceCli.Run(repo.Path, "attest", "last").Stdout)!;
        Assert.Equal(run["subject"]!.ToJsonString(), statement["subject"]!.ToJsonString());

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "keygen", "-o", repo.Combine("ci")).ExitCode);
        var sign = EvidenceCli.Run(repo.Path, "sign", "last", "--key", repo.Combine("ci.pem"));
        Assert.Equal(0, sign.ExitCode);
        Assert.Contains("(attestation.dsse.json, test-result.dsse.json)", sign.Stderr, StringComparison.Ordinal);
        Assert.True(bundle.Has("test-result.dsse.json"));
        Assert.Equal(1, EvidenceCli.Run(repo.Path, "verify", "last", "--public-key", repo.Combine("ci.pub.pem")).ExitCode); // valid and signed; the failed run does not meet the gate
        var none = EvidenceCli.Run(repo.Path, "attest", "last", "--predicate", "nonsense");
        Assert.Contains("error EVD0002: --predicate: 'nonsense' is not known", none.Stderr, StringComparison.Ordinal);
    }
}
