using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class MultiStepTests
{
    // Fails the first time, passes once the marker exists: a flaky test that a retry fixes.
    private const string FlakyTest = "if [ -f passed-once ]; then echo '1 passed'; else touch passed-once; echo '1 failed' >&2; exit 1; fi";

    [Fact]
    public void A_failing_then_passing_check_across_steps_is_verified_and_keeps_both_records()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);
        var store = repo.Combine(".evidence");
        Assert.Empty(BundleOnDisk.All(store));

        var first = run.Step("--name", "pytest", "--", "sh", "-c", FlakyTest);
        var second = run.Step("--name", "pytest", "--", "sh", "-c", FlakyTest);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains($"step 1 failed in open run {run.RunId}", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Empty(BundleOnDisk.All(store));

        var end = run.End();
        Assert.Equal(0, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, store);
        Assert.Equal(run.RunId, (string)bundle.Manifest["run_id"]!);
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal("1 failed\n", bundle.Text("stderr/pytest_1.txt"));
        Assert.Equal("1 passed\n", bundle.Text("stdout/pytest_2.txt"));
        var checks = bundle.Lines("checks.jsonl");
        Assert.Equal([1, 2], checks.Select(c => (int)c["attempt"]!));
        Assert.Equal(["failed", "passed"], checks.Select(c => (string)c["status"]!));
        var steps = bundle.Manifest["steps"]!.AsArray();
        Assert.Equal(["failed", "verified"], steps.Select(s => (string)s!["outcome"]!));
        Assert.Null(bundle.Manifest["program"]);
        Assert.Equal(2, bundle.Json("input_snapshot.json")["steps"]!.AsArray().Count);
        var trace = bundle.Lines("trace.jsonl");
        Assert.Equal(Enumerable.Range(1, trace.Count), trace.Select(e => (int)e["seq"]!));
        Assert.Equal("run.start", (string)trace[0]["type"]!);
        Assert.Equal("run.finish", (string)trace[^1]["type"]!);
        Assert.Equal(2, trace.Count(e => (string)e["type"]! == "step.start"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(bundle.Path), p => Path.GetFileName(p).StartsWith('.'));
        Assert.False(Directory.Exists(run.StagingPath(store)));
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Begin_prints_one_line_for_github_env_and_into_works_without_the_variable()
    {
        using var repo = TempRepo.Create();
        var begin = EvidenceCli.Run(repo.Path, "begin");
        Assert.Equal(0, begin.ExitCode);
        Assert.Matches(@"\AEVIDENCE_RUN_ID=\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z_[0-9a-f]{6}\n\z", begin.Stdout);
        var id = begin.Stdout.Trim()["EVIDENCE_RUN_ID=".Length..];
        Assert.Contains($"opened run {id}", begin.Stderr, StringComparison.Ordinal);

        var step = EvidenceCli.Run(repo.Path, "run", "--into", id, "--", "true");
        var end = EvidenceCli.Run(repo.Path, "end", id);

        Assert.Equal(0, step.ExitCode);
        Assert.Equal(0, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal(id, (string)bundle.Manifest["run_id"]!);
        Assert.Equal("begin", (string)bundle.Manifest["invocation"]!["argv"]![0]!);
        Assert.Equal(repo.Path, (string)bundle.Manifest["repo"]!["root"]!);
    }

    [Fact]
    public async Task Parallel_steps_append_to_one_run_without_losing_or_mixing_records()
    {
        const int Processes = 4;
        const int ChecksEach = 5;
        using var repo = TempRepo.Create();
        var checks = string.Concat(Enumerable.Range(1, ChecksEach).Select(i => $"  - name: c{i}\n    run: [sh, -c, 'echo \"$WHO c{i}\"']\n"));
        repo.Write("evidence.yml", "version: 1\nchecks:\n" + checks);
        var run = OpenRunCli.Begin(repo.Path);

        var steps = Enumerable.Range(1, Processes).Select(p => Task.Run(() => EvidenceCli.Run(
            repo.Path,
            ["run", "--keep-going"],
            new Dictionary<string, string?>(run.Env) { ["WHO"] = $"p{p}" }))).ToArray();
        var results = await Task.WhenAll(steps);
        Assert.All(results, s => Assert.Equal(0, s.ExitCode));
        var end = run.End();

        Assert.Equal(0, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        var records = bundle.Lines("checks.jsonl");
        Assert.Equal(Processes * ChecksEach, records.Count);
        foreach (var group in records.GroupBy(r => (string)r["name"]!))
        {
            Assert.Equal(Enumerable.Range(1, Processes), group.Select(r => (int)r["attempt"]!).Order());
            // Each capture holds what its own process printed, once.
            var writers = group.Select(r => bundle.Text((string)r["stdout"]!["path"]!).Trim()).ToList();
            Assert.Equal(Enumerable.Range(1, Processes).Select(p => $"p{p} {group.Key}"), writers.Order(StringComparer.Ordinal));
        }

        var trace = bundle.Lines("trace.jsonl");
        Assert.Equal(Enumerable.Range(1, trace.Count), trace.Select(e => (int)e["seq"]!));
        Assert.Equal(2 + (Processes * 2) + (Processes * ChecksEach * 2), trace.Count);
        Assert.Equal(Enumerable.Range(1, Processes), bundle.Manifest["steps"]!.AsArray().Select(s => (int)s!["step"]!));
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_required_check_that_no_step_ran_makes_the_run_failed_and_is_listed()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", """
            version: 1
            checks:
              - name: lint
                run: [sh, -c, "echo lint"]
              - name: unit
                run: [sh, -c, "echo unit"]
              - name: docs
                run: [sh, -c, "echo docs"]
                required: false
            """);
        var run = OpenRunCli.Begin(repo.Path);

        Assert.Equal(0, run.Step("--check", "lint").ExitCode);
        var end = run.End();

        Assert.Equal(1, end.ExitCode);
        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        Assert.Equal("failed", bundle.Outcome);
        Assert.Contains(("checks.jsonl#unit", "EVD0305"), bundle.Missing);
        Assert.DoesNotContain(bundle.Missing, m => m.Path == "checks.jsonl#docs");
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Begin_with_check_narrows_what_the_run_must_contain()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nchecks:\n  - name: lint\n    run: [true]\n  - name: unit\n    run: [true]\n");
        var run = OpenRunCli.Begin(repo.Path, "--check", "lint");

        Assert.Equal(0, run.Step("--check", "lint").ExitCode);
        var end = run.End();

        Assert.Equal(0, end.ExitCode);
        Assert.Equal("verified", BundleOnDisk.Of(end, repo.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void The_same_secret_in_two_steps_gets_one_mask_and_the_key_never_reaches_the_bundle()
    {
        using var repo = TempRepo.Create();
        const string Secret = "s3cr3t-value-for-two-steps-9f8e7d";
        var run = OpenRunCli.Begin(repo.Path);
        var env = new Dictionary<string, string?>(run.Env) { ["DEPLOY_TOKEN"] = Secret };

        EvidenceCli.Run(repo.Path, ["run", "--name", "one", "--", "sh", "-c", "echo \"token=$DEPLOY_TOKEN\""], env);
        EvidenceCli.Run(repo.Path, ["run", "--name", "two", "--", "sh", "-c", "echo \"again $DEPLOY_TOKEN\""], env);
        var end = EvidenceCli.Run(repo.Path, ["end"], env);

        var bundle = BundleOnDisk.Of(end, repo.Combine(".evidence"));
        var one = bundle.Text("stdout/one_1.txt");
        var two = bundle.Text("stdout/two_1.txt");
        var mask = System.Text.RegularExpressions.Regex.Match(one, @"\[REDACTED:[^\]]+\]").Value;
        Assert.NotEmpty(mask);
        Assert.Contains(mask, two, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Secret, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(bundle.Path, ".mask-key")));
        Assert.True((long)bundle.Manifest["redaction"]!["hits"]!["env-value"]! >= 2);
    }
}
