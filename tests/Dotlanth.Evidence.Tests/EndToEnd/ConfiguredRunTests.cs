using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class ConfiguredRunTests
{
    private const string Config = """
        version: 1
        spec: {id: checkout, version: "2.1"}
        checks:
          - name: lint
            run: [sh, -c, "echo lint ok"]
          - name: unit
            run: "echo unit; exit 5"
            shell: true
            accepted_exit_codes: [0, 5]
            env: {MODE: test, DEPLOY_TOKEN: "cfg-token-value-123456"}
          - name: docs
            run: [sh, -c, "exit 9"]
            required: false
          - name: broken
            run: [sh, -c, "echo broken >&2; exit 3"]
          - name: last
            run: [sh, -c, "echo $MODE; pwd"]
            cwd: sub
            env: {MODE: from-config}
        """;

    [Fact]
    public void Checks_run_in_order_and_stop_at_the_first_required_failure_listing_what_never_ran()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", Config);

        var result = EvidenceCli.Run(repo.Combine("src"), "run");

        Assert.Equal(3, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("failed", bundle.Outcome);
        Assert.Equal(["lint", "unit", "docs", "broken"], bundle.Lines("checks.jsonl").Select(c => (string)c["name"]!));
        Assert.Equal(["passed", "passed", "failed", "failed"], bundle.Lines("checks.jsonl").Select(c => (string)c["status"]!));
        Assert.Contains(("checks.jsonl#last", "EVD0305"), bundle.Missing);
        Assert.Equal("checkout", (string)bundle.Manifest["spec"]!["id"]!);
        Assert.Equal(repo.Combine("evidence.yml"), (string)bundle.Manifest["invocation"]!["config"]!);
        var snapshot = bundle.Json("config.snapshot.json");
        Assert.Equal(5, snapshot["checks"]!.AsArray().Count);
        Assert.DoesNotContain("cfg-token-value-123456", bundle.Text("config.snapshot.json"), StringComparison.Ordinal);
        Assert.Equal("test", (string)snapshot["checks"]![1]!["env"]!["MODE"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Keep_going_runs_everything_and_exits_with_the_first_failing_required_code()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", Config);
        Directory.CreateDirectory(repo.Combine("sub"));

        var result = EvidenceCli.Run(repo.Path, "run", "--keep-going");

        Assert.Equal(3, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal(5, bundle.Lines("checks.jsonl").Count);
        Assert.Equal($"from-config\n{repo.Combine("sub")}\n", bundle.Text("stdout/last_1.txt"));
        Assert.DoesNotContain(bundle.Missing, m => m.Code == "EVD0305");
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Check_selects_checks_and_an_unknown_one_is_a_blocked_bundle_listing_the_configured_ones()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", Config);

        var selected = EvidenceCli.Run(repo.Path, "run", "--check", "unit", "--check", "lint");
        Assert.Equal(0, selected.ExitCode);
        var verified = BundleOnDisk.Of(selected, repo.Combine(".evidence"));
        Assert.Equal("verified", verified.Outcome);
        Assert.Equal(["lint", "unit"], verified.Lines("checks.jsonl").Select(c => (string)c["name"]!));

        var unknown = EvidenceCli.Run(repo.Path, "run", "--check", "integration");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error EVD0007: --check integration: no such check in evidence.yml; configured checks: lint, unit, docs, broken, last", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal("blocked", BundleOnDisk.Of(unknown, repo.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void A_configuration_error_is_one_line_with_position_and_a_blocked_bundle_that_says_why()
    {
        using var repo = TempRepo.Create();
        repo.Write("ci/evidence.yml", "version: 1\nchecks:\n  - name: unit\n    run: [pytest]\n    timeout: forever\n");

        var result = EvidenceCli.Run(repo.Path, "run", "--config", "ci/evidence.yml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0005: evidence.yml:5:14: timeout: 'forever' is not a duration", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Contains("EVD0005", bundle.Text("errors.json"), StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Exceeding_the_time_budget_stops_the_running_check_and_blocks_the_run()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nbudgets: {max_minutes: 0.03}\ncapture: {kill_grace: 1s}\nchecks:\n  - name: slow\n    run: [sleep, '60']\n  - name: after\n    run: [true]\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = EvidenceCli.Run(repo.Path, "run");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(2, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Equal("timed_out", (string)bundle.Check()["status"]!);
        Assert.Contains("EVD0304", bundle.Text("errors.json"), StringComparison.Ordinal);
        Assert.Contains(("checks.jsonl#after", "EVD0305"), bundle.Missing);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Exceeding_the_step_budget_stops_the_run_as_blocked()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nbudgets: {max_steps: 5}\nchecks:\n  - name: a\n    run: [true]\n  - name: b\n    run: [true]\n");

        var result = EvidenceCli.Run(repo.Path, "run");

        Assert.NotEqual(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Contains("EVD0302", bundle.Text("errors.json"), StringComparison.Ordinal);
        Assert.Equal(5, (long)bundle.Manifest["budgets"]!["max_steps"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }
}
