using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class BundleTests
{
    [Fact]
    public async Task Runs_started_together_get_distinct_sortable_ids()
    {
        using var folder = new TempFolder();
        var tasks = Enumerable.Range(0, 6)
            .Select(_ => Task.Run(() => EvidenceCli.Run(folder.Path, "run", "--", "true")))
            .ToArray();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        var ids = BundleOnDisk.All(folder.Combine(".evidence")).Select(b => (string)b.Manifest["run_id"]!).ToList();
        Assert.Equal(6, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z_[0-9a-f]{6}$", id));
        Assert.Empty(Directory.GetDirectories(folder.Combine(".evidence", "runs", ".staging")));
    }

    [Fact]
    public void A_sealed_bundle_lists_every_file_with_matching_hashes_and_is_read_only()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/app.txt", "changed\n");
        EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", "echo hi; echo there >&2");

        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        bundle.AssertIntegrity();
        var roles = bundle.Manifest["files"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => (string)f!["role"]!);
        Assert.Equal("stdout", roles["stdout/echo_1.txt"]);
        Assert.Equal("trace", roles["trace.jsonl"]);
        Assert.Equal("input", roles["input_snapshot.json"]);
        Assert.All(Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories), f =>
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void Trace_records_the_program_boundary_with_gap_free_seq()
    {
        using var folder = new TempFolder();
        EvidenceCli.Run(folder.Path, "run", "--name", "unit", "--timeout", "90s", "--", "sh", "-c", "exit 5");

        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        var events = bundle.Lines("trace.jsonl");
        Assert.Equal(["run.start", "syscall.attempt", "syscall.result", "run.finish"], events.Select(e => (string)e["type"]!));
        Assert.Equal([1L, 2, 3, 4], events.Select(e => (long)e["seq"]!));
        Assert.Equal("proc.exec", (string)events[1]["syscall"]!["name"]!);
        Assert.Equal(5, (int)events[2]["result"]!);
        Assert.Equal(2, (long)bundle.Check()["seq"]!);

        var snapshot = bundle.Json("input_snapshot.json");
        var text = (string)snapshot["program"]!["text"]!;
        Assert.Contains("syscall r2, proc.exec, r0, r1", text, StringComparison.Ordinal);
        Assert.Contains("\"timeout_ms\", 90000", text, StringComparison.Ordinal);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            (string)snapshot["program"]!["sha256"]!);
    }

    [Fact]
    public void The_tool_facts_say_which_build_ran_in_every_place_they_are_written()
    {
        using var folder = new TempFolder();
        var run = EvidenceCli.Run(folder.Path, "run", "--", "true");

        var bundle = BundleOnDisk.Of(run, folder.Combine(".evidence"));
        var tool = bundle.Manifest["tool"]!;
        // build/test.sh drives the NativeAOT binary; without it the suite runs the portable build through the dotnet host.
        Assert.Equal(EvidenceCli.Build, (string)tool["build"]!);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(tool, bundle.Json("env.json")["tool"]));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(tool, bundle.Lines("trace.jsonl")[0]["tool"]));
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Out_option_chooses_the_store()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--out", "custom-store", "--", "true");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(BundleOnDisk.All(folder.Combine("custom-store")));
        Assert.Contains("bundle custom-store/runs/", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Github_actions_facts_are_recorded()
    {
        using var folder = new TempFolder();
        var env = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "acme/app",
            ["GITHUB_RUN_ID"] = "123456",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
        };
        EvidenceCli.Run(folder.Path, ["run", "--", "true"], env);

        var ci = BundleOnDisk.Only(folder.Combine(".evidence")).Manifest["ci"]!;
        Assert.Equal("github-actions", (string)ci["provider"]!);
        Assert.Equal("https://github.com/acme/app/actions/runs/123456", (string)ci["run_url"]!);
    }
}
