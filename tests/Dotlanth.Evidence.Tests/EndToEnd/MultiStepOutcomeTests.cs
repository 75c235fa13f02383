using System.Globalization;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class MultiStepOutcomeTests
{
    [Fact]
    public void An_interrupted_step_makes_the_run_cancelled_even_when_a_later_attempt_passes()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);
        var pidFile = repo.Combine("child.pid");
        using var step = Processes.Start(
            EvidenceCli.Executable,
            EvidenceCli.Args(["run", "--name", "unit", "--kill-grace", "1s", "--", "sh", "-c", $"echo $$ > '{pidFile}'; exec sleep 300"]),
            repo.Path,
            run.Env);
        ProcFs.WaitForPidFile(pidFile, TimeSpan.FromSeconds(30));
        Processes.Run("kill", ["-TERM", step.Id.ToString(CultureInfo.InvariantCulture)], repo.Path);
        Assert.True(step.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(143, step.ExitCode);

        Assert.Equal(0, run.Step("--name", "unit", "--", "true").ExitCode);
        var end = run.End();

        Assert.Equal(143, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal("cancelled", bundle.Outcome);
        Assert.Equal(["cancelled", "verified"], bundle.Manifest["steps"]!.AsArray().Select(s => (string)s!["outcome"]!));
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_step_with_bad_input_is_recorded_and_blocks_the_run()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);

        var bad = run.Step("--timeout", "soon", "--", "touch", "ran");
        var good = run.Step("--", "true");
        var end = run.End();

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error EVD0002: --timeout", bad.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("ran")));
        Assert.Equal(0, good.ExitCode);
        Assert.Equal(2, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        var error = bundle.Json("errors.json")["errors"]![0]!;
        Assert.Equal("EVD0002", (string)error["code"]!);
        Assert.Equal("step 1", (string)error["where"]!);
        Assert.Single(bundle.Json("input_snapshot.json")["steps"]!.AsArray());
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_check_that_could_not_start_counts_by_its_latest_attempt()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);

        var typo = run.Step("--name", "unit", "--", "no-such-program-here");
        var fixedUp = run.Step("--name", "unit", "--", "true");
        var end = run.End();

        Assert.Equal(127, typo.ExitCode);
        Assert.Equal(0, fixedUp.ExitCode);
        Assert.Equal(0, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal(["blocked", "passed"], bundle.Lines("checks.jsonl").Select(c => (string)c["status"]!));
        Assert.Contains(bundle.Json("errors.json")["errors"]!.AsArray(), e => (string)e!["code"]! == "EVD0101");
    }

    [Fact]
    public void A_failing_required_check_gives_end_its_exit_code()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);

        run.Step("--name", "lint", "--", "true");
        run.Step("--name", "unit", "--", "sh", "-c", "exit 7");
        var end = run.End();

        Assert.Equal(7, end.ExitCode);
        Assert.Equal("failed", BundleOnDisk.Of(end, repo.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void End_collects_artifacts_with_the_lineage_of_the_checks_that_produced_them_in_any_step()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", """
            version: 1
            spec: {id: checkout, version: "3.0"}
            checks:
              - name: build
                run: [sh, -c, "echo built > app.bin"]
              - name: unit
                run: [sh, -c, "mkdir -p reports && echo '<testsuite/>' > reports/unit.xml"]
            artifacts:
              - name: test-results
                type: test-result
                format: junit
                path: "reports/*.xml"
                produced_by: [unit]
            """);
        var run = OpenRunCli.Begin(repo.Path);

        run.Step("--check", "build");
        run.Step("--check", "unit");
        var end = run.End();

        Assert.Equal(0, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        var artifact = bundle.Json("artifacts.json")["artifacts"]![0]!;
        Assert.Equal("passed", (string)artifact["validation"]!["status"]!);
        Assert.Equal("3.0", (string)artifact["spec"]!["version"]!);
        Assert.Equal("<testsuite/>\n", bundle.Text("artifacts/test-results/reports/unit.xml"));
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
    }
}
