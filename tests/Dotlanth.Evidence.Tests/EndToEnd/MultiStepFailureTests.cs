using System.Globalization;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class MultiStepFailureTests
{
    [Fact]
    public void Appending_to_a_run_that_is_not_open_runs_nothing_and_seals_a_bundle_saying_why()
    {
        using var repo = TempRepo.Create();
        const string Unknown = "2026-01-01T00-00-00Z_abcdef";

        var result = EvidenceCli.Run(repo.Path, ["run", "--", "touch", "ran"], new Dictionary<string, string?> { ["EVIDENCE_RUN_ID"] = Unknown });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error EVD0306: cannot append to run {Unknown}", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("ran")));
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Equal("EVD0306", (string)bundle.Json("errors.json")["errors"]![0]!["code"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_sealed_run_cannot_be_appended_to_or_ended_again()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);
        run.Step("--", "true");
        Assert.Equal(0, run.End().ExitCode);

        var again = run.End();
        var late = run.Step("--", "true");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"error EVD0306: run {run.RunId} is already sealed", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, late.ExitCode);
        Assert.Contains("already sealed", late.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, BundleOnDisk.All(repo.Combine(".evidence")).Count);
    }

    [Fact]
    public void End_without_a_run_id_says_how_to_give_one()
    {
        using var folder = new TempFolder();

        var result = EvidenceCli.Run(folder.Path, "end");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0001: no run to end", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("EVIDENCE_RUN_ID", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void End_leaves_the_run_open_while_a_step_runs_and_waits_when_told_to()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);
        var started = repo.Combine("step.pid");
        using var step = Processes.Start(
            EvidenceCli.Executable,
            EvidenceCli.Args(["run", "--name", "slow", "--", "sh", "-c", $"echo $$ > '{started}'; sleep 3; echo done"]),
            repo.Path,
            run.Env);
        ProcFs.WaitForPidFile(started, TimeSpan.FromSeconds(30));

        var refused = run.End();
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error EVD0307: step 1 of run", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(BundleOnDisk.All(repo.Combine(".evidence")));

        var waited = run.End("--wait", "60s");
        Assert.True(step.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, waited.ExitCode);
        Assert.Contains("waiting for step 1", waited.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(waited, repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal("done\n", bundle.Text("stdout/slow_1.txt"));
    }

    [Fact]
    public void A_step_whose_process_dies_is_reported_and_the_run_still_seals()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);
        Assert.Equal(0, run.Step("--name", "before", "--", "true").ExitCode);
        var childPid = repo.Combine("child.pid");
        using var step = Processes.Start(
            EvidenceCli.Executable,
            EvidenceCli.Args(["run", "--name", "doomed", "--", "sh", "-c", $"echo $$ > '{childPid}'; exec sleep 300"]),
            repo.Path,
            run.Env);
        var child = ProcFs.WaitForPidFile(childPid, TimeSpan.FromSeconds(30));

        Processes.Run("kill", ["-KILL", step.Id.ToString(CultureInfo.InvariantCulture)], repo.Path);
        Assert.True(step.WaitForExit(TimeSpan.FromSeconds(30)));
        Processes.Run("kill", ["-KILL", child.ToString(CultureInfo.InvariantCulture)], repo.Path);
        var end = run.End();

        Assert.Equal(70, end.ExitCode);
        Assert.Contains("error EVD0308: step 2 ended without finishing", end.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal("error", bundle.Outcome);
        Assert.Contains(("steps#2", "EVD0308"), bundle.Missing);
        Assert.Equal([1], bundle.Manifest["steps"]!.AsArray().Select(s => (int)s!["step"]!));
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void The_time_budget_counts_from_begin_so_a_late_step_is_blocked_and_so_is_the_run()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nbudgets: {max_minutes: 0.01}\nchecks:\n  - name: unit\n    run: [touch, ran]\n");
        var run = OpenRunCli.Begin(repo.Path);
        Thread.Sleep(TimeSpan.FromSeconds(1.5));

        var step = run.Step();
        var end = run.End();

        Assert.Equal(2, step.ExitCode);
        Assert.Contains("EVD0304", step.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("ran")));
        Assert.Equal(2, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Contains(bundle.Json("errors.json")["errors"]!.AsArray(), e => (string)e!["code"]! == "EVD0304");
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void The_step_budget_is_shared_by_all_steps_of_a_run()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nbudgets: {max_steps: 12}\nchecks:\n  - name: unit\n    run: [true]\n");
        var run = OpenRunCli.Begin(repo.Path);

        var first = run.Step();
        var second = run.Step();
        var end = run.End();

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("error EVD0302: the run used its whole step budget of 12 (9 in earlier steps)", second.Stderr, StringComparison.Ordinal);
        Assert.Equal("blocked", BundleOnDisk.Of(end, repo.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void A_run_with_no_steps_is_blocked_not_verified()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);

        var end = run.End();

        Assert.Equal(2, end.ExitCode);
        Assert.Contains("error EVD0309: no step ran in this run", end.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Contains(("input_snapshot.json", "EVD0309"), bundle.Missing);
        SchemaValidator.AssertValid(bundle.Path);
    }
}
