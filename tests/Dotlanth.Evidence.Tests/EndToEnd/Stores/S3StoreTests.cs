using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Stores;

/// <summary>push, pull, ls, inspect and verify against a real S3-compatible server on 127.0.0.1.</summary>
public sealed class S3StoreTests
{
    private static S3Server Server => S3Server.Shared;

    private static ProcessResult Cli(string cwd, params string[] args) => EvidenceCli.Run(cwd, args, Server.Env(), timeoutSeconds: 300);

    [Fact]
    public void Push_then_pull_elsewhere_gives_the_same_bundle_byte_for_byte_including_multipart_files()
    {
        using var repo = TempRepo.Create();
        var bundle = StoreRuns.WithArtifacts(repo, 20, 0.5, 0.001);
        var store = Server.NewStore();

        var push = Cli(repo.Path, "push", "last", "--to", store);
        Assert.True(push.ExitCode == 0, push.Stderr);
        Assert.Contains($"pushed run {bundle.Id()}", push.Stderr, StringComparison.Ordinal);

        using var elsewhere = TempRepo.Create();
        var pull = Cli(elsewhere.Path, "pull", bundle.Id(), "--from", store);
        Assert.True(pull.ExitCode == 0, pull.Stderr);
        var pulled = elsewhere.Combine(".evidence", "runs", bundle.Id());
        Assert.Equal(pulled, Path.GetFullPath(pull.Stdout.Trim(), elsewhere.Path));
        Assert.Equal(StoreRuns.Files(bundle.Path), StoreRuns.Files(pulled));
        Assert.Equal(0, Cli(elsewhere.Path, "verify", bundle.Id()).ExitCode);
        var listed = IndexTests.Lines(Cli(elsewhere.Path, "ls", "--json").Stdout);
        Assert.Equal(bundle.Digest(), (string)Assert.Single(listed)["digest"]!);

        // The 20 MiB artifact went up in parts and came down in ranges; the store holds exactly the bundle and its entries.
        var keys = Server.Keys(store);
        Assert.Equal(StoreRuns.Files(bundle.Path).Keys.Select(k => $"team/runs/{bundle.Id()}/{k}").Order(StringComparer.Ordinal), keys.Where(k => k.StartsWith("team/runs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains($"team/index/runs/{bundle.Id()}.json", keys);
        var entry = Server.Get(store, $"index/runs/{bundle.Id()}.json");
        SchemaValidator.AssertDocumentValid(entry, "store-entry.schema.json");
        Assert.Equal(bundle.Digest(), (string)JsonNode.Parse(entry)!["digest"]!);
        SchemaValidator.AssertValid(pulled);
        Assert.Contains($"team/index/outcomes/verified/{bundle.Id()}.json", keys);
        Assert.Contains($"team/index/commits/{bundle.Manifest["repo"]!["commit"]}/{bundle.Id()}.json", keys);
        Assert.Equal(0, Cli(elsewhere.Path, "pull", bundle.Id(), "--from", store).ExitCode);
        Assert.Contains("already in the local store", Cli(elsewhere.Path, "pull", "last", "--from", store).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_is_written_once_same_bundle_is_a_no_op_and_other_contents_are_refused_without_overwriting()
    {
        using var repo = TempRepo.Create();
        var bundle = StoreRuns.Simple(repo);
        var store = Server.NewStore();
        Assert.Equal(0, Cli(repo.Path, "push", "last", "--to", store).ExitCode);

        var again = Cli(repo.Path, "push", bundle.Id(), "--to", store);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already in", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing pushed", again.Stderr, StringComparison.Ordinal);

        // Another bundle under an id the store already holds: a second run planted under the first one's id.
        using var other = TempRepo.Create();
        var second = StoreRuns.Simple(other, "echo different");
        var planted = Encoding.UTF8.GetBytes("{\"planted\":true}");
        Server.Put(store, $"runs/{second.Id()}/bundle.json", planted);

        var refused = Cli(other.Path, "push", "last", "--to", store);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error EVD1002:", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("another bundle", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(planted, Server.Get(store, $"runs/{second.Id()}/bundle.json"));
        Assert.DoesNotContain(Server.Keys(store), k => k.Contains($"index/runs/{second.Id()}", StringComparison.Ordinal));
        Assert.Equal(0, EvidenceCli.Run(other.Path, "verify", second.Id()).ExitCode);
    }

    [Fact]
    public void A_half_pushed_file_of_another_bundle_is_refused_and_left_alone()
    {
        using var repo = TempRepo.Create();
        var bundle = StoreRuns.Simple(repo);
        var store = Server.NewStore();
        var output = bundle.Manifest["files"]!.AsArray().Select(f => (string)f!["path"]!).Single(p => p.StartsWith("stdout/", StringComparison.Ordinal));
        var key = $"runs/{bundle.Id()}/{output}";
        Server.Put(store, key, Encoding.UTF8.GetBytes("not this run's output\n"));

        var refused = Cli(repo.Path, "push", "last", "--to", store);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error EVD1002:", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains(output, refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Keys(store), k => k.EndsWith("/bundle.json", StringComparison.Ordinal));
        Assert.Equal("not this run's output\n", Encoding.UTF8.GetString(Server.Get(store, key)));
    }

    [Fact]
    public async Task Ten_processes_push_ten_runs_at_once_and_every_one_lands_whole()
    {
        var repos = Enumerable.Range(0, 10).Select(_ => TempRepo.Create()).ToList();
        try
        {
            var bundles = repos.Select(r => StoreRuns.WithArtifacts(r, 0.3, 0.2)).ToList();
            var store = Server.NewStore();
            var pushes = repos.Select(r => Processes.Start(EvidenceCli.Executable, EvidenceCli.Args(["push", "last", "--to", store]), r.Path, Server.Env())).ToList();
            foreach (var push in pushes)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                var stderr = await push.StandardError.ReadToEndAsync(limit.Token);
                await push.WaitForExitAsync(limit.Token);
                Assert.True(push.ExitCode == 0, stderr);
                push.Dispose();
            }

            var listed = IndexTests.Lines(Cli(repos[0].Path, "ls", "--store", store, "--json", "--limit", "50").Stdout);
            Assert.Equal(bundles.Select(b => (b.Id(), b.Digest())).Order(), listed.Select(l => ((string)l["run_id"]!, (string)l["digest"]!)).Order());
            var pulled = Cli(repos[0].Path, "pull", bundles[7].Id(), "--from", store);
            Assert.True(pulled.ExitCode == 0, pulled.Stderr);
        }
        finally
        {
            repos.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public void Runs_are_found_by_commit_and_outcome_from_their_entries()
    {
        using var repo = TempRepo.Create();
        var store = Server.NewStore("ci/main");
        var firstCommit = Processes.Git(repo.Path, "rev-parse", "HEAD").Trim();
        var passedOnFirst = StoreRuns.Simple(repo, "echo ok");
        var failedOnFirst = StoreRuns.Simple(repo, "echo broken; exit 3");
        repo.Write("src/app.txt", "line two\n");
        Processes.Git(repo.Path, "commit", "-qam", "second");
        var secondCommit = Processes.Git(repo.Path, "rev-parse", "HEAD").Trim();
        var passedOnSecond = StoreRuns.Simple(repo, "echo ok");
        foreach (var bundle in new[] { passedOnFirst, failedOnFirst, passedOnSecond })
        {
            Assert.Equal(0, Cli(repo.Path, "push", bundle.Id(), "--to", store).ExitCode);
        }

        using var elsewhere = new TempFolder();
        Assert.Equal([failedOnFirst.Id(), passedOnFirst.Id()], Ids(Cli(elsewhere.Path, "ls", "--store", store, "--commit", firstCommit, "--json")));
        Assert.Equal([passedOnSecond.Id()], Ids(Cli(elsewhere.Path, "ls", "--store", store, "--commit", secondCommit[..7], "--json")));
        Assert.Equal([failedOnFirst.Id()], Ids(Cli(elsewhere.Path, "ls", "--store", store, "--outcome", "failed", "--json")));
        Assert.Equal([passedOnFirst.Id()], Ids(Cli(elsewhere.Path, "ls", "--store", store, "--commit", firstCommit, "--outcome", "verified", "--json")));
        Assert.Equal([passedOnSecond.Id(), failedOnFirst.Id(), passedOnFirst.Id()], Ids(Cli(elsewhere.Path, "ls", "--store", store, "--json")));

        var table = Cli(elsewhere.Path, "ls", "--store", store, "--outcome", "failed");
        Assert.Contains(failedOnFirst.Id(), table.Stdout, StringComparison.Ordinal);
        Assert.Contains(firstCommit[..7], table.Stdout, StringComparison.Ordinal);

        var inspect = Cli(elsewhere.Path, "inspect", "last-failed", "--store", store, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.Stderr);
        Assert.Equal(failedOnFirst.Id(), (string)JsonNode.Parse(inspect.Stdout)!["run_id"]!);
        Assert.Contains("broken", inspect.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, Cli(elsewhere.Path, "verify", "last", "--store", store, "--commit", secondCommit).ExitCode);
        Assert.Equal(1, Cli(elsewhere.Path, "verify", failedOnFirst.Id(), "--store", store).ExitCode);
        var ambiguous = Cli(elsewhere.Path, "inspect", failedOnFirst.Id()[..4], "--store", store);
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("error EVD0602:", ambiguous.Stderr, StringComparison.Ordinal);
        var none = Cli(elsewhere.Path, "verify", "2020-01-01T00-00-00Z_000000", "--store", store);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no evidence", none.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(elsewhere.Path, ".evidence")), "reading a remote store must not create a local one");
    }

    [Fact]
    public void A_store_in_evidence_yml_gets_every_sealed_bundle_and_no_credential_reaches_disk()
    {
        using var repo = TempRepo.Create();
        var store = Server.NewStore();
        repo.Write("evidence.yml", $"version: 1\nstore: \"{store}\"\nchecks:\n  - name: unit\n    run: [sh, -c, \"echo testing\"]\n");
        var env = Server.Env();

        var run = EvidenceCli.Run(repo.Path, ["run"], env);
        var command = EvidenceCli.Run(repo.Path, ["run", "--", "sh", "-c", "echo $AWS_SECRET_ACCESS_KEY"], env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("pushed run", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("pushed run", command.Stderr, StringComparison.Ordinal);
        var bundles = BundleOnDisk.All(repo.Combine(".evidence"));
        Assert.Equal(2, bundles.Count);
        var listed = Ids(EvidenceCli.Run(repo.Path, ["ls", "--store", store, "--json"], env));
        Assert.Equal(bundles.OrderByDescending(b => (string)b.Manifest["started_at"]!, StringComparer.Ordinal).Select(b => b.Id()), listed);
        Assert.Equal(store, (string)JsonNode.Parse(bundles[0].Text("config.snapshot.json"))!["push_to"]!);

        foreach (var file in Directory.EnumerateFiles(repo.Combine(".evidence"), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(Server.SecretKey, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Server.SecretKey, run.Stderr + run.Stdout + command.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_store_uris_and_a_missing_bucket_are_one_clear_error_each()
    {
        using var repo = TempRepo.Create();
        StoreRuns.Simple(repo);
        var badName = Cli(repo.Path, "push", "last", "--to", "s3://No_Such_Bucket/x");
        var missing = Cli(repo.Path, "push", "last", "--to", $"s3://evidence-never-made/x?endpoint={Server.Endpoint}&path_style=true");
        var unknownSetting = Cli(repo.Path, "ls", "--store", "s3://bucket-name/x?colour=blue");

        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("error EVD1001:", badName.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error EVD1005:", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("evidence-never-made", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("error EVD1001:", unknownSetting.Stderr, StringComparison.Ordinal);
        Assert.Contains("colour", unknownSetting.Stderr, StringComparison.Ordinal);
        foreach (var result in new[] { badName, missing, unknownSetting })
        {
            Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        // On a run, credentials in the URI are an input error: the run is blocked and says why, and they are not kept.
        var blocked = Cli(repo.Path, "run", "--store", "s3://AKIAEXAMPLE:hunter2secretvalue@bucket-name/x", "--", "true");
        Assert.Equal(2, blocked.ExitCode);
        var bundle = BundleOnDisk.Of(blocked, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Contains("EVD1001", bundle.Text("errors.json"), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secretvalue", string.Concat(Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secretvalue", blocked.Stderr, StringComparison.Ordinal);
    }

    internal static List<string> Ids(ProcessResult ls) => [.. IndexTests.Lines(ls.Stdout).Select(l => (string)l["run_id"]!)];
}
