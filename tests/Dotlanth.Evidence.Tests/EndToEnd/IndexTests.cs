using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class IndexTests
{
    [Fact]
    public async Task Twenty_runs_at_once_give_twenty_bundles_and_twenty_rows()
    {
        using var repo = TempRepo.Create();
        var runs = Enumerable.Range(1, 20).Select(i => Task.Run(() => EvidenceCli.Run(repo.Path, "run", "--name", $"c{i}", "--", "true"))).ToArray();
        var results = await Task.WhenAll(runs);
        Assert.All(results, r => Assert.Equal(0, r.ExitCode));

        var ls = EvidenceCli.Run(repo.Path, "ls", "--json", "--limit", "100");

        Assert.Equal(0, ls.ExitCode);
        Assert.DoesNotContain("locked", ls.Stderr, StringComparison.OrdinalIgnoreCase);
        var listed = Lines(ls.Stdout).Select(r => (string)r["run_id"]!).Order(StringComparer.Ordinal).ToList();
        var onDisk = BundleOnDisk.All(repo.Combine(".evidence")).Select(b => (string)b.Manifest["run_id"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(20, onDisk.Count);
        Assert.Equal(onDisk, listed);
    }

    [Fact]
    public void Ls_filters_by_outcome_commit_branch_check_and_time_newest_first()
    {
        using var repo = TempRepo.Create();
        var first = EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "true");
        var failing = EvidenceCli.Run(repo.Path, "run", "--name", "lint", "--", "sh", "-c", "exit 3");
        Processes.Git(repo.Path, "checkout", "-q", "-b", "feature");
        repo.Write("new.txt", "x\n");
        Processes.Git(repo.Path, "add", ".");
        Processes.Git(repo.Path, "commit", "-q", "-m", "second");
        var onFeature = EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "true");
        var head = Processes.Git(repo.Path, "rev-parse", "HEAD").Trim();
        string Id(ProcessResult r) => (string)BundleOnDisk.Of(r, repo.Combine(".evidence")).Manifest["run_id"]!;
        List<string> Ls(params string[] args) => [.. Lines(EvidenceCli.Run(repo.Path, ["ls", "--json", .. args]).Stdout).Select(r => (string)r["run_id"]!)];

        Assert.Equal([Id(onFeature), Id(failing), Id(first)], Ls());
        Assert.Equal([Id(failing)], Ls("--outcome", "failed"));
        Assert.Equal([Id(onFeature)], Ls("--commit", head[..8]));
        Assert.Equal([Id(onFeature)], Ls("--branch", "feature"));
        Assert.Equal([Id(onFeature), Id(first)], Ls("--check", "unit"));
        Assert.Equal([Id(onFeature)], Ls("--limit", "1"));
        Assert.Equal(3, Ls("--since", "1h").Count);
        var table = EvidenceCli.Run(repo.Path, "ls");
        Assert.Contains(Id(failing), table.Stdout, StringComparison.Ordinal);
        Assert.Contains("failed", table.Stdout, StringComparison.Ordinal);
        var bad = EvidenceCli.Run(repo.Path, "ls", "--outcome", "broken");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error EVD0002: --outcome: 'broken' is not an outcome", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ls_shows_what_each_run_ran_and_an_index_of_the_older_schema_learns_it_in_place()
    {
        using var repo = TempRepo.Create();
        const string Token = "ghp_abcdefghijklmnop1234567890abcdefghij";
        EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", "echo hi");
        EvidenceCli.Run(repo.Path, ["run", "--", "echo", $"token={Token}"], new Dictionary<string, string?> { ["GITHUB_TOKEN"] = Token });
        repo.Write("evidence.yml", "version: 1\nchecks:\n  - name: unit\n    run: [true]\n  - name: lint\n    run: [echo, lint ok]\n");
        EvidenceCli.Run(repo.Path, "run");

        var table = EvidenceCli.Run(repo.Path, "ls").Stdout;
        var json = Lines(EvidenceCli.Run(repo.Path, "ls", "--json").Stdout);
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={repo.Combine(".evidence", "index.db")};Pooling=false"))
        {
            db.Open();
            using var downgrade = db.CreateCommand();
            // Schema 1 had neither the command column nor the test tables.
            downgrade.CommandText = "ALTER TABLE checks DROP COLUMN command; DROP TABLE tests; DROP TABLE tree_states; DROP TABLE test_runs; DROP TABLE test_results; DROP TABLE test_states; PRAGMA user_version = 1;";
            downgrade.ExecuteNonQuery();
        }

        var upgraded = EvidenceCli.Run(repo.Path, "ls");

        Assert.Contains("echo: sh -c 'echo hi'", table, StringComparison.Ordinal);
        Assert.Contains("echo: echo 'token=[REDACTED:", table, StringComparison.Ordinal);
        Assert.Contains("unit, lint", table, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, table, StringComparison.Ordinal);
        Assert.Equal(["unit", "lint"], json[0]["checks"]!["names"]!.AsArray().Select(n => (string)n!));
        Assert.Null(json[0]["command"]);
        Assert.Equal("sh -c 'echo hi'", (string?)json[2]["command"]);
        Assert.Equal(["echo"], json[2]["checks"]!["names"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(table, upgraded.Stdout);
        Assert.DoesNotContain("EVD", upgraded.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_index_is_rebuilt_from_the_bundles_with_one_warning()
    {
        using var repo = TempRepo.Create();
        EvidenceCli.Run(repo.Path, "run", "--", "true");
        EvidenceCli.Run(repo.Path, "run", "--", "false");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "ls").ExitCode);
        var index = repo.Combine(".evidence", "index.db");
        File.WriteAllText(index, "this is not a database, just garbage that replaced the index file......................................................");

        var ls = EvidenceCli.Run(repo.Path, "ls", "--json");

        Assert.Equal(0, ls.ExitCode);
        Assert.Equal(2, Lines(ls.Stdout).Count);
        Assert.Single(ls.Stderr.Split('\n'), l => l.Contains("warning EVD0603", StringComparison.Ordinal));
        Assert.Equal(2, Lines(EvidenceCli.Run(repo.Path, "ls", "--json").Stdout).Count);
        Assert.DoesNotContain("EVD0603", EvidenceCli.Run(repo.Path, "ls").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_index_is_rebuilt_and_reindex_finds_bundles_the_index_never_saw()
    {
        using var repo = TempRepo.Create();
        EvidenceCli.Run(repo.Path, "run", "--", "true");
        Assert.Single(Lines(EvidenceCli.Run(repo.Path, "ls", "--json").Stdout));
        File.Delete(repo.Combine(".evidence", "index.db"));
        EvidenceCli.Run(repo.Path, "run", "--", "true");

        var ls = EvidenceCli.Run(repo.Path, "ls", "--json");
        Assert.Equal(2, Lines(ls.Stdout).Count);
        Assert.Contains("warning EVD0603", ls.Stderr, StringComparison.Ordinal);

        // A bundle copied in from another store is not in the journal: only reindex sees it.
        using var elsewhere = new TempFolder();
        var foreign = BundleOnDisk.Of(EvidenceCli.Run(elsewhere.Path, "run", "--", "true"), elsewhere.Combine(".evidence"));
        CopyFolder(foreign.Path, repo.Combine(".evidence", "runs", Path.GetFileName(foreign.Path)));
        Assert.Equal(2, Lines(EvidenceCli.Run(repo.Path, "ls", "--json").Stdout).Count);
        var reindex = EvidenceCli.Run(repo.Path, "reindex");
        Assert.Equal(0, reindex.ExitCode);
        Assert.Contains("indexed 3 run(s)", reindex.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Selectors_name_runs_by_id_prefix_keyword_or_path_and_ambiguity_lists_candidates()
    {
        using var repo = TempRepo.Create();
        var failed = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "sh", "-c", "echo boom >&2; exit 4"), repo.Combine(".evidence"));
        var verified = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "true"), repo.Combine(".evidence"));
        string Shown(params string[] args) => (string)JsonNode.Parse(EvidenceCli.Run(repo.Path, ["inspect", "--json", .. args]).Stdout)!["run_id"]!;
        var failedId = (string)failed.Manifest["run_id"]!;
        var verifiedId = (string)verified.Manifest["run_id"]!;

        Assert.Equal(failedId, Shown("last-failed"));
        Assert.Equal(verifiedId, Shown("last-verified"));
        Assert.Equal(verifiedId, Shown("last"));
        Assert.Equal(failedId, Shown(failedId));
        Assert.Equal(failedId, Shown(failedId[..^2]));
        Assert.Equal(failedId, Shown(failed.Path));

        var ambiguous = EvidenceCli.Run(repo.Path, "inspect", "20");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("error EVD0602: '20' matches 2 runs", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Contains(failedId, ambiguous.Stderr, StringComparison.Ordinal);
        var none = EvidenceCli.Run(repo.Path, "inspect", "1999");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("error EVD0601: no run matches '1999'", none.Stderr, StringComparison.Ordinal);
    }

    internal static List<JsonObject> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
