using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Tests;

/// <summary>Reports named with --tests or tests: — only what the check wrote counts, and what is missing says so.</summary>
public sealed class DeclaredReportTests
{
    private const string Report = """<testsuite name="s"><testcase classname="c" name="ok" time="0.1"/><testcase classname="c" name="bad" time="0.2"><failure message="boom">at c.bad(C.java:9)</failure></testcase></testsuite>""";

    [Fact]
    public void A_report_left_by_an_earlier_run_is_never_taken_for_this_ones()
    {
        using var repo = TempRepo.Create();
        repo.Write("reports/old.xml", Report);
        File.SetLastWriteTimeUtc(repo.Combine("reports", "old.xml"), DateTime.UtcNow.AddMinutes(-5));

        var stale = EvidenceCli.Run(repo.Path, "run", "--tests", "reports/*.xml", "--", "true");

        Assert.Equal(0, stale.ExitCode);
        var bundle = BundleOnDisk.Of(stale, repo.Combine(".evidence"));
        var tests = bundle.Check()["tests"]!;
        // No report was written: the totals are unknown, not zero, and the bundle says why.
        Assert.Equal((false, null), ((bool)tests["complete"]!, (int?)tests["total"]));
        Assert.Contains(("tests/true_1", "EVD0107"), bundle.Missing);
        Assert.False(bundle.Has("tests.jsonl"));

        var fresh = EvidenceCli.Run(repo.Path, "run", "--tests", "reports/*.xml", "--", "sh", "-c", $"cat > reports/new.xml <<'EOF'\n{Report}\nEOF\nexit 1");
        var freshBundle = BundleOnDisk.Of(fresh, repo.Combine(".evidence"));
        var read = freshBundle.Check()["tests"]!;
        Assert.Equal(["reports/new.xml"], read["reports"]!.AsArray().Select(r => (string)r!["source"]!));
        Assert.Equal((2, 1, 1), ((int)read["total"]!, (int)read["passed"]!, (int)read["failed"]!));
        SchemaValidator.AssertValid(freshBundle.Path);
    }

    [Fact]
    public void A_malformed_report_keeps_the_cases_before_the_fault_and_the_bundle_says_what_is_missing()
    {
        using var repo = TempRepo.Create();
        var truncated = Report[..Report.IndexOf("<failure", StringComparison.Ordinal)];

        var result = EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--tests", "junit.xml", "--", "sh", "-c", $"printf '%s' '{truncated}' > junit.xml; exit 1");

        Assert.Equal(1, result.ExitCode);
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        var tests = bundle.Check()["tests"]!;
        Assert.False((bool)tests["complete"]!);
        Assert.StartsWith("malformed XML", (string)tests["reports"]![0]!["error"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)tests["total"]!);
        Assert.Contains(("tests/unit_1/junit.xml#cases", "EVD0109"), bundle.Missing);
        // The malformed file itself is evidence: it is kept.
        Assert.Equal(truncated, bundle.Text("tests/unit_1/junit.xml"));
        SchemaValidator.AssertValid(bundle.Path);
        Assert.Equal(1, EvidenceCli.Run(repo.Path, "verify", "last").ExitCode); // valid bundle, failed outcome: gate not met
        var inspect = EvidenceCli.Run(repo.Path, "inspect", "last");
        Assert.Contains("unit #1: its test reports are missing or unreadable", inspect.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Tests_in_evidence_yml_are_read_per_check_from_its_working_directory()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", """
            checks:
              - name: api
                run: ["sh", "-c", "mkdir -p out && cp ../fixtures/api.xml out/TEST-api.xml"]
                cwd: api
                tests: out/TEST-*.xml
              - name: lint
                run: ["true"]
                tests: none
            """);
        repo.Write("fixtures/api.xml", Report.Replace("name=\"s\"", "name=\"api\"", StringComparison.Ordinal));
        Directory.CreateDirectory(repo.Combine("api"));

        var result = EvidenceCli.Run(repo.Path, "run");

        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        Assert.Equal(2, (int)bundle.Check(0)["tests"]!["total"]!);
        Assert.Null(bundle.Check(1)["tests"]);
        Assert.All(bundle.Lines("tests.jsonl"), c => Assert.Equal("api", (string)c["suite"]!));
        // The editor schema for evidence.yml knows tests: in each of its forms.
        SchemaValidator.AssertDocumentValid(System.Text.Encoding.UTF8.GetBytes("""{"checks":[{"name":"api","run":["x"],"tests":["out/*.xml"]},{"name":"b","run":"y","tests":"none"}]}"""), "evidence-config.schema.json");
        var snapshot = bundle.Json("config.snapshot.json").ToJsonString();
        Assert.Contains("out/TEST-*.xml", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_means_the_reports_anywhere_under_it()
    {
        using var repo = TempRepo.Create();
        var script = $"mkdir -p results/sub && printf '%s' '{Report}' > results/a.xml && printf '%s' '{Report}' > results/sub/b.xml && echo notes > results/notes.txt";

        var result = EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--tests", "results/", "--", "sh", "-c", script);

        var tests = BundleOnDisk.Of(result, repo.Combine(".evidence")).Check()["tests"]!;
        Assert.Equal(["results/a.xml", "results/sub/b.xml"], tests["reports"]!.AsArray().Select(r => (string)r!["source"]!));
        Assert.Equal((true, 4), ((bool)tests["complete"]!, (int)tests["total"]!));
    }

    [Fact]
    public void Bad_tests_input_is_one_clear_error()
    {
        using var repo = TempRepo.Create();
        var mixed = EvidenceCli.Run(repo.Path, "run", "--tests", "none", "--tests", "a.xml", "--", "true");
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("error EVD0002: --tests none cannot be combined with report paths", mixed.Stderr, StringComparison.Ordinal);

        repo.Write("evidence.yml", "checks:\n  - name: a\n    run: [\"true\"]\n    tests: [none, x.xml]\n");
        var config = EvidenceCli.Run(repo.Path, "run");
        Assert.Equal(2, config.ExitCode);
        Assert.Contains("evidence.yml:4:12: tests must name report files", config.Stderr, StringComparison.Ordinal);
    }
}
