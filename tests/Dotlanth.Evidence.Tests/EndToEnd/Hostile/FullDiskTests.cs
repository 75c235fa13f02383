using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Hostile;

/// <summary>The store on a disk that fills up: the command still runs, its exit code still comes through, and what was lost is said.</summary>
public sealed class FullDiskTests
{
    private const string Noisy = "head -c 300000 /dev/urandom | base64; exit 7";

    [RootFact]
    public void A_store_with_no_room_at_all_still_runs_the_command_and_passes_its_exit_code_on()
    {
        using var disk = new TinyDisk();
        using var repo = TempRepo.Create();
        disk.FillLeaving(0);

        var result = EvidenceCli.Run(repo.Path, "run", "--out", Path.Combine(disk.Path, "store"), "--", "sh", "-c", "touch ran; " + Noisy);

        Assert.Equal(7, result.ExitCode);
        Assert.True(File.Exists(repo.Combine("ran")));
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains("error EVD0902: run ", line, StringComparison.Ordinal);
        Assert.Contains("No space left on device", line, StringComparison.Ordinal);
        Assert.Contains("the command's exit code 7 is passed on, and nothing of it was recorded", line, StringComparison.Ordinal);
    }

    [RootFact]
    public void A_disk_that_fills_during_the_run_leaves_staging_that_recover_seals_once_there_is_room()
    {
        using var disk = new TinyDisk();
        using var repo = TempRepo.Create();
        var store = Path.Combine(disk.Path, "store");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "run", "--out", store, "--", "true").ExitCode);
        disk.FillLeaving(60);

        var result = EvidenceCli.Run(repo.Path, "run", "--out", store, "--", "sh", "-c", Noisy);

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("error EVD0902:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        var staged = Assert.Single(Directory.GetDirectories(Path.Combine(store, "runs", ".staging")), d => !Path.GetFileName(d).StartsWith('.'));
        Assert.Contains(staged, result.Stderr, StringComparison.Ordinal);

        disk.Free();
        var recover = EvidenceCli.Run(repo.Path, "recover", "--out", store);

        Assert.Equal(0, recover.ExitCode);
        var id = Path.GetFileName(staged);
        var bundle = new BundleOnDisk(Path.Combine(store, "runs", id));
        Assert.Equal("incomplete", bundle.Outcome);
        Assert.Contains("after it had finished as failed (exit 7)", bundle.Text("errors.json"), StringComparison.Ordinal);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", id, "--out", store, "--require-outcome", "any").ExitCode);
    }

    [RootFact]
    public void A_diff_too_big_for_the_disk_is_listed_as_missing_and_the_command_still_runs()
    {
        using var disk = new TinyDisk();
        using var repo = TempRepo.Create();
        File.WriteAllText(repo.Combine("big-untracked.txt"), new string('x', 2_000_000));
        var store = Path.Combine(disk.Path, "store");
        disk.FillLeaving(300);

        var result = EvidenceCli.Run(repo.Path, "run", "--out", store, "--", "sh", "-c", "touch ran; exit 5");

        Assert.Equal(5, result.ExitCode);
        Assert.True(File.Exists(repo.Combine("ran")));
        Assert.Contains("error EVD0902: not all evidence could be written (No space left on device", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(result, store);
        Assert.Equal("failed", bundle.Outcome);
        Assert.Contains(bundle.Missing, m => m.Path == "diff.patch" && m.Code == "EVD0902");
        Assert.False(bundle.Has("diff.patch"));
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", "last", "--out", store, "--require-outcome", "any").ExitCode);
    }

    [RootFact]
    public void A_read_only_store_can_be_read_and_a_run_into_it_still_passes_its_exit_code_on()
    {
        using var disk = new TinyDisk();
        using var repo = TempRepo.Create();
        var store = Path.Combine(disk.Path, "store");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "run", "--out", store, "--", "true").ExitCode);
        Assert.Equal(1, EvidenceCli.Run(repo.Path, "run", "--out", store, "--", "false").ExitCode);
        disk.MakeReadOnly();

        var ls = EvidenceCli.Run(repo.Path, "ls", "--out", store, "--json");
        var verify = EvidenceCli.Run(repo.Path, "verify", "last-verified", "--out", store);
        var run = EvidenceCli.Run(repo.Path, "run", "--out", store, "--", "sh", "-c", "exit 3");

        Assert.True(ls.ExitCode == 0, ls.Stderr);
        Assert.Equal(2, ls.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(verify.ExitCode == 0, verify.Stderr);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Read-only file system", run.Stderr, StringComparison.Ordinal);
    }
}
