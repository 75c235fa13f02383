using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Hostile;

/// <summary>Many runs sealing at once in a fresh store while recover and gc sweep it: all normal, nothing to warn about.</summary>
public sealed class ConcurrentHousekeepingTests
{
    private const int Runs = 50;

    [Fact]
    public void Fifty_parallel_runs_with_recover_and_gc_racing_give_no_warning_and_lose_no_run()
    {
        using var repo = TempRepo.Create();
        var runs = new ProcessResult[Runs];
        var housekeeping = new List<(string Command, ProcessResult Result)>();
        var threads = Enumerable.Range(0, Runs)
            .Select(i => new Thread(() => runs[i] = EvidenceCli.Run(repo.Path, ["run", "--", "sh", "-c", $"echo run {i}"], timeoutSeconds: 300)))
            .ToList();
        threads.ForEach(t => t.Start());
        for (var sweep = 0; sweep < 6; sweep++)
        {
            housekeeping.Add(("recover", EvidenceCli.Run(repo.Path, ["recover"], timeoutSeconds: 300)));
            housekeeping.Add(("gc", EvidenceCli.Run(repo.Path, ["gc", "--keep", "1000"], timeoutSeconds: 300)));
        }

        threads.ForEach(t => t.Join());

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}"));
        Assert.All(housekeeping, h => Assert.True(h.Result.ExitCode == 0, $"{h.Command} exit {h.Result.ExitCode}: {h.Result.Stderr}"));
        var warnings = runs.Select(r => r.Stderr).Concat(housekeeping.Select(h => h.Result.Stderr + h.Result.Stdout))
            .SelectMany(text => text.Split('\n'))
            .Where(line => line.Contains("EVD", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(warnings);
        var listed = EvidenceCli.Run(repo.Path, "ls", "--json", "--limit", "1000");
        Assert.Equal(Runs, listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(Runs, Directory.EnumerateDirectories(repo.Combine(".evidence", "runs")).Count(d => !Path.GetFileName(d).StartsWith('.')));
    }
}
