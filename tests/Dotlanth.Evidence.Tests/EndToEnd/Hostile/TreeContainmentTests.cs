using System.Globalization;
using System.Text;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Hostile;

/// <summary>A stopped run leaves no process behind, however its descendants detach or multiply.</summary>
public sealed class TreeContainmentTests
{
    [Fact]
    public void A_detached_daemon_does_not_outlive_the_timeout()
    {
        using var repo = TempRepo.Create();
        var marker = Marker();

        var result = EvidenceCli.Run(repo.Path, "run", "--timeout", "1s", "--", "sh", "-c", $"(setsid sleep {marker} </dev/null >/dev/null 2>&1 &); sleep 60");

        Assert.Equal(124, result.ExitCode);
        Assert.Empty(Survivors(marker));
        Assert.True((bool)BundleOnDisk.Of(result, repo.Combine(".evidence")).Check()["timed_out"]!, result.Stderr);
    }

    [Fact]
    public void A_fork_storm_during_the_stop_leaves_no_survivor()
    {
        using var repo = TempRepo.Create();
        var marker = Marker();

        var result = EvidenceCli.Run(repo.Path, "run", "--timeout", "1s", "--kill-grace", "200ms", "--", "sh", "-c", $"trap '' TERM; while :; do (trap '' TERM; setsid sleep {marker} </dev/null >/dev/null 2>&1 &); done");

        Assert.Equal(124, result.ExitCode);
        Assert.Empty(Survivors(marker));
    }

    /// <summary>A sleep length no other test uses, so the processes it names are this test's.</summary>
    private static string Marker() => (7000 + Random.Shared.NextDouble() * 1000).ToString("0.000", CultureInfo.InvariantCulture);

    private static List<int> Survivors(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline"), Encoding.UTF8) == $"sleep\0{marker}\0" && ProcFs.IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }

        foreach (var pid in found)
        {
            ProcFs.KillTree(pid);
        }

        return found;
    }
}
