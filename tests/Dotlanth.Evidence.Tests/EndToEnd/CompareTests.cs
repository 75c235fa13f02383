using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class CompareTests
{
    [Fact]
    public void A_broken_test_is_a_regression_with_its_output_diff()
    {
        using var repo = TempRepo.Create();
        var good = Id(repo, EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "sh", "-c", "echo '3 passed'"));
        repo.Write("src/app.txt", "line one\nbroken\n");
        var bad = Id(repo, EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "sh", "-c", "echo '2 passed, 1 failed'; exit 1"));

        var human = EvidenceCli.Run(repo.Path, "compare", good, bad, "--fail-on", "regression");
        var json = JsonNode.Parse(EvidenceCli.Run(repo.Path, "compare", good, bad, "--json").Stdout)!;

        Assert.Equal(1, human.ExitCode);
        Assert.Contains("REGRESSION check unit went from passed to failed", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("-3 passed\n+2 passed, 1 failed\n", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("+broken", human.Stdout, StringComparison.Ordinal);
        Assert.Equal("worse", (string)json["outcome"]!["change"]!);
        Assert.Equal("status", (string)json["checks"]![0]!["change"]!);
        Assert.True((bool)json["regression"]!);
    }

    [Fact]
    public void Given_one_run_the_baseline_is_the_latest_earlier_run_with_the_same_check_names()
    {
        using var repo = TempRepo.Create();
        var olderUnit = Id(repo, EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "sh", "-c", "exit 1"));
        var unit = Id(repo, EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "sh", "-c", "exit 1"));
        var lint = Id(repo, EvidenceCli.Run(repo.Path, "run", "--name", "lint", "--", "true"));
        repo.Write("evidence.yml", "version: 1\nchecks:\n  - name: unit\n    run: [true]\n  - name: lint\n    run: [true]\n");
        var both = Id(repo, EvidenceCli.Run(repo.Path, "run"));
        File.Delete(repo.Combine("evidence.yml"));
        var candidate = Id(repo, EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "true"));

        var json = JsonNode.Parse(EvidenceCli.Run(repo.Path, "compare", "last", "--json").Stdout)!;
        var ofOlder = JsonNode.Parse(EvidenceCli.Run(repo.Path, "compare", unit, "--json").Stdout)!;
        var first = EvidenceCli.Run(repo.Path, "compare", olderUnit);
        var none = EvidenceCli.Run(repo.Path, "compare", lint);

        // Not the last verified run (lint, or unit+lint): the last run of unit alone, though it failed.
        Assert.Equal(unit, (string)json["baseline"]!["run_id"]!);
        Assert.Equal(candidate, (string)json["candidate"]!["run_id"]!);
        Assert.Equal(olderUnit, (string)ofOlder["baseline"]!["run_id"]!);
        Assert.Equal(2, first.ExitCode);
        Assert.Contains($"error EVD0601: no run before {olderUnit} ran the same checks (unit)", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("ran the same checks (lint)", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_test_is_better_and_not_a_regression()
    {
        using var repo = TempRepo.Create();
        var bad = Id(repo, EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "false"));
        var good = Id(repo, EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "true"));

        var result = EvidenceCli.Run(repo.Path, "compare", bad, good, "--fail-on", "regression", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("better", (string)json["outcome"]!["change"]!);
        Assert.False((bool)json["regression"]!);
        Assert.Empty(json["environment"]!.AsArray());
    }

    [Fact]
    public void A_slower_test_is_flagged_and_checks_added_or_removed_are_listed()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nchecks:\n  - name: unit\n    run: [sh, -c, \"sleep 0.1\"]\n  - name: old\n    run: [\"true\"]\n");
        var fast = Id(repo, EvidenceCli.Run(repo.Path, "run"));
        repo.Write("evidence.yml", "version: 1\nchecks:\n  - name: unit\n    run: [sh, -c, \"sleep 0.8\"]\n  - name: new\n    run: [\"true\"]\n");
        var slow = Id(repo, EvidenceCli.Run(repo.Path, "run"));

        var json = JsonNode.Parse(EvidenceCli.Run(repo.Path, "compare", fast, slow, "--json").Stdout)!;

        var checks = json["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!);
        Assert.Equal("added", (string)checks["new"]["change"]!);
        Assert.Equal("removed", (string)checks["old"]["change"]!);
        var duration = checks["unit"]["duration_ms"]!;
        Assert.True((bool)duration["flagged"]!);
        Assert.True((long)duration["delta"]! >= 500);
        Assert.True((double)duration["percent"]! > 100);
    }

    private static string Id(TempFolder repo, ProcessResult run) => (string)BundleOnDisk.Of(run, repo.Combine(".evidence")).Manifest["run_id"]!;
}
