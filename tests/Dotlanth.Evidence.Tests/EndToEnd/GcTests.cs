using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class GcTests
{
    [Fact]
    public void Keep_deletes_the_oldest_runs_but_never_the_newest_verified_or_failed_or_an_open_run()
    {
        using var repo = TempRepo.Create();
        var store = repo.Combine(".evidence");
        string Run(params string[] command) => (string)BundleOnDisk.Of(EvidenceCli.Run(repo.Path, ["run", "--", .. command]), store).Manifest["run_id"]!;
        var oldVerified = Run("true");
        var newestVerified = Run("true");
        var newestFailed = Run("false");
        var blocked1 = Run("no-such-program-here");
        var blocked2 = Run("no-such-program-here");
        var open = OpenRunCli.Begin(repo.Path);

        var dryRun = EvidenceCli.Run(repo.Path, "gc", "--keep", "1", "--dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains($"would delete {oldVerified}", dryRun.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, BundleOnDisk.All(store).Count);

        var gc = EvidenceCli.Run(repo.Path, "gc", "--keep", "1");

        Assert.Equal(0, gc.ExitCode);
        var left = BundleOnDisk.All(store).Select(b => (string)b.Manifest["run_id"]!).ToList();
        Assert.Equal(new[] { newestVerified, newestFailed, blocked2 }.Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(blocked1, left);
        Assert.True(Directory.Exists(open.StagingPath(store)));
        var listed = IndexTests.Lines(EvidenceCli.Run(repo.Path, "ls", "--json").Stdout).Select(r => (string)r["run_id"]!).Order(StringComparer.Ordinal);
        Assert.Equal(left.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void Max_size_deletes_oldest_first_until_the_store_fits_and_older_than_goes_by_age()
    {
        using var repo = TempRepo.Create();
        var store = repo.Combine(".evidence");
        for (var i = 0; i < 4; i++)
        {
            EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", "head -c 20000 /dev/zero | tr '\\0' x");
        }

        // Oldest first by start time (ids within one second are not ordered by time).
        var runs = BundleOnDisk.All(store).OrderBy(b => (string)b.Manifest["started_at"]!, StringComparer.Ordinal).ToList();
        var sizes = runs.Select(b => Directory.EnumerateFiles(b.Path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)).ToList();
        var budget = sizes[^1] + sizes[^2] + 100;

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "gc", "--max-size", budget.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode);
        Assert.Equal(runs.TakeLast(2).Select(r => r.Path).Order(StringComparer.Ordinal), BundleOnDisk.All(store).Select(r => r.Path).Order(StringComparer.Ordinal));

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "gc", "--older-than", "1h").ExitCode);
        Assert.Equal(2, BundleOnDisk.All(store).Count);
        var none = EvidenceCli.Run(repo.Path, "gc");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("error EVD0001: gc needs a limit", none.Stderr, StringComparison.Ordinal);
    }
}
