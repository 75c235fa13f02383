using System.Diagnostics;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Mcp;

/// <summary>An MCP session's life as one run: secrets, floods, concurrent calls, a client that goes, a server killed, live replay.</summary>
public sealed class McpSessionTests
{
    private const string Token = "ghp_Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8";

    [Fact]
    public async Task A_secret_in_a_file_or_in_a_commands_output_never_reaches_the_model_and_a_masked_text_is_never_written_back()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/settings.env", $"API_TOKEN={Token}\nMODE=fast\n");
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, ["--cap", "fs.read=**", "--cap", "fs.write=src/**", "--cap", "proc.exec=cat *"]))
        {
            var read = McpCliSession.Text(await mcp.CallAsync("read_file", new { path = "src/settings.env" }));
            Assert.DoesNotContain(Token, read, StringComparison.Ordinal);
            Assert.Contains("API_TOKEN=[REDACTED:", read, StringComparison.Ordinal);
            var printed = McpCliSession.Text(await mcp.CallAsync("run_command", new { argv = new[] { "cat", "src/settings.env" } }));
            Assert.DoesNotContain(Token, printed, StringComparison.Ordinal);
            Assert.Contains("[REDACTED:", printed, StringComparison.Ordinal);

            var writeBack = await mcp.CallAsync("write_file", new { path = "src/settings.env", content = read.Replace("fast", "slow", StringComparison.Ordinal) });
            Assert.True(writeBack.IsError);
            Assert.StartsWith("error EVD0316: fs.write: the content for 'src/settings.env' holds a redaction mask", McpCliSession.Text(writeBack), StringComparison.Ordinal);
        }

        Assert.Equal($"API_TOKEN={Token}\nMODE=fast\n", File.ReadAllText(repo.Combine("src", "settings.env")));
        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        foreach (var file in Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Token, File.ReadAllText(file), StringComparison.Ordinal);
        }

        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public async Task A_flood_of_output_comes_back_bounded_with_its_start_and_end()
    {
        using var repo = TempRepo.Create();
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, ["--cap", "proc.exec=seq *"]))
        {
            var result = await mcp.CallAsync("run_command", new { argv = new[] { "seq", "1", "400000" }, required = true });
            var text = McpCliSession.Text(result);
            Assert.True(text.Length < 150_000, $"{text.Length} characters came back");
            Assert.StartsWith("exit code 0 (passed)", text, StringComparison.Ordinal);
            Assert.Contains("\n1\n2\n3\n", text, StringComparison.Ordinal);
            Assert.Contains("400000\n", text, StringComparison.Ordinal);
            Assert.Contains("omitted", text, StringComparison.Ordinal);
        }

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        var stdout = bundle.Check()["stdout"]!;
        Assert.True((bool)stdout["truncated"]!);
        Assert.Equal(Enumerable.Range(1, 400_000).Sum(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 1), (long)stdout["bytes_total"]!);
    }

    [Fact]
    public async Task Concurrent_calls_are_served_one_at_a_time_in_one_gap_free_trace_and_replay_identically()
    {
        using var repo = TempRepo.Create();
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, ["--cap", "proc.exec=echo *", "--cap", "fs.read=**"]))
        {
            var pending = Enumerable.Range(1, 8).Select(i => i % 2 == 0
                ? mcp.CallAsync("run_command", new { argv = new[] { "echo", $"call {i}" }, required = true })
                : mcp.CallAsync("read_file", new { path = "README.md" }));
            var results = await Task.WhenAll(pending);
            Assert.All(results, r => Assert.NotEqual(true, r.IsError));
        }

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("verified", bundle.Outcome);
        var calls = bundle.Json("tool_calls.json")["calls"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 8), calls.Select(c => (int)c!["index"]!));
        var seqs = calls.SelectMany(c => c!["seq"]!.AsArray().Select(s => (long)s!)).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.Equal(4, bundle.Lines("checks.jsonl").Count);

        var replay = EvidenceCli.Run(repo.Path, "replay", "last");
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("8 syscall(s) answered", replay.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_call_leaves_the_call_recorded_and_the_session_sealed()
    {
        using var repo = TempRepo.Create();
        var mcp = await McpCliSession.StartAsync(repo.Path, ["--cap", "proc.exec=sleep *"]);
        var pending = mcp.CallAsync("run_command", new { argv = new[] { "sleep", "2" }, required = true });
        await Task.Delay(500);
        await mcp.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => pending);

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("disconnect", (string)bundle.Manifest["agent"]!["ended_by"]!);
        Assert.Equal(0, (int)bundle.Check()["exit_code"]!);
        Assert.Equal("ok", (string)bundle.Json("tool_calls.json")["calls"]![0]!["status"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public async Task A_killed_server_leaves_a_session_recover_seals_as_incomplete_and_replay_still_answers()
    {
        using var repo = TempRepo.Create();
        using var store = new TempFolder();
        var mcp = await McpCliSession.StartAsync(repo.Path, ["--out", store.Path, "--cap", "proc.exec=echo *", "--cap", "fs.write=src/**"]);
        await mcp.CallAsync("write_file", new { path = "src/fix.txt", content = "fixed\n" });
        await mcp.CallAsync("run_command", new { argv = new[] { "echo", "tested" }, required = true });
        KillServer(store.Path);
        await Assert.ThrowsAnyAsync<Exception>(() => mcp.CallAsync("log_note", new { message = "after" }));
        await mcp.DisposeAsync();

        var recover = EvidenceCli.Run(repo.Path, "recover", "--out", store.Path);
        Assert.Equal(0, recover.ExitCode);
        var bundle = BundleOnDisk.Only(store.Path);
        Assert.Equal("incomplete", bundle.Outcome);
        Assert.Equal("evidence-tests", (string)bundle.Manifest["agent"]!["client"]!["name"]!);
        Assert.Equal(2, bundle.Json("tool_calls.json")["calls"]!.AsArray().Count);
        SchemaValidator.AssertValid(bundle.Path);

        File.Delete(repo.Combine("src", "fix.txt"));
        var replay = EvidenceCli.Run(repo.Path, "replay", (string)bundle.Manifest["run_id"]!, "--out", store.Path);
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("2 syscall(s) answered", replay.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("src", "fix.txt")));
    }

    [Fact]
    public async Task SIGTERM_seals_the_session_as_cancelled()
    {
        using var repo = TempRepo.Create();
        using var store = new TempFolder();
        var mcp = await McpCliSession.StartAsync(repo.Path, ["--out", store.Path, "--cap", "proc.exec=echo *"]);
        await mcp.CallAsync("run_command", new { argv = new[] { "echo", "hi" }, required = true });
        KillServer(store.Path, "TERM");

        var bundle = McpCliSession.WaitForBundles(store.Path).Single();
        await mcp.DisposeAsync();
        Assert.Equal("cancelled", bundle.Outcome);
        Assert.Equal("signal", (string)bundle.Manifest["agent"]!["ended_by"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public async Task Declared_checks_verify_the_session_and_live_replay_repeats_the_agents_actions_on_todays_tree()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "checks:\n  - name: test\n    run: [grep, -q, fixed, src/fix.txt]\ncapabilities:\n  fs.write: [\"src/**\"]\n");
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, []))
        {
            var before = await mcp.CallAsync("run_check", new { name = "test" });
            Assert.StartsWith("exit code 2 (failed)", McpCliSession.Text(before), StringComparison.Ordinal);
            await mcp.CallAsync("write_file", new { path = "src/fix.txt", content = "fixed\n" });
            var after = await mcp.CallAsync("run_check", new { name = "test" });
            Assert.StartsWith("exit code 0 (passed); recorded as check test attempt 2", McpCliSession.Text(after), StringComparison.Ordinal);
            var unknown = await mcp.CallAsync("run_check", new { name = "lint" });
            Assert.StartsWith("error EVD0002: run_check: there is no check 'lint'; evidence.yml declares test", McpCliSession.Text(unknown), StringComparison.Ordinal);
            await mcp.CallAsync("finish", new { claim = "done", summary = "wrote the fix" });
        }

        var original = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("verified", original.Outcome);
        File.Delete(repo.Combine("src", "fix.txt"));

        var live = EvidenceCli.Run(repo.Path, "replay", "last", "--live");

        Assert.Equal(0, live.ExitCode);
        Assert.Contains("live replay matches the original", live.Stdout, StringComparison.Ordinal);
        var rerun = BundleOnDisk.All(repo.Combine(".evidence")).Single(b => b.Path != original.Path);
        Assert.Equal((string)original.Manifest["run_id"]!, (string)rerun.Manifest["parent_run_id"]!);
        Assert.Equal("verified", rerun.Outcome);
        Assert.Equal("fixed\n", File.ReadAllText(repo.Combine("src", "fix.txt")));
    }

    [Fact]
    public async Task A_bad_capability_option_is_one_clear_error_and_the_session_still_seals_saying_why()
    {
        using var repo = TempRepo.Create();
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, ["--cap", "time.now=*"]))
        {
            var refused = await mcp.CallAsync("list_directory");
            Assert.True(refused.IsError);
            Assert.StartsWith("error EVD0002: the session was started with bad input: --cap: time.now needs no capability", McpCliSession.Text(refused), StringComparison.Ordinal);
        }

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Contains(bundle.Json("errors.json")["errors"]!.AsArray(), e => ((string)e!["message"]!).StartsWith("--cap: time.now needs no capability", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_started_in_a_subfolder_of_a_repository_that_ignores_its_store_works_from_the_top()
    {
        using var repo = TempRepo.Create();
        repo.Write(".gitignore", ".evidence/\n");
        Processes.Git(repo.Path, "add", ".gitignore");
        Processes.Git(repo.Path, "commit", "-q", "-m", "ignore the store");
        await using (var mcp = await McpCliSession.StartAsync(repo.Combine("src"), ["--cap", "proc.exec=pwd", "--cap", "fs.list=**"]))
        {
            Assert.Contains("README.md", McpCliSession.Text(await mcp.CallAsync("list_directory")), StringComparison.Ordinal);
            Assert.Contains("dirty false", McpCliSession.Text(await mcp.CallAsync("git_status")), StringComparison.Ordinal);
            var pwd = await mcp.CallAsync("run_command", new { argv = new[] { "pwd" }, required = true });
            Assert.Equal(Path.GetFullPath(repo.Path), pwd.StructuredContent!.Value.GetProperty("stdout").GetString()!.TrimEnd('\n'));
        }

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("verified", bundle.Outcome);
        Assert.False((bool)bundle.Manifest["repo"]!["dirty"]!);
    }

    [Fact]
    public async Task A_client_that_connects_and_leaves_without_a_call_is_named_in_a_session_nothing_verified()
    {
        using var repo = TempRepo.Create();
        await using (await McpCliSession.StartAsync(repo.Path, []))
        {
        }

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("evidence-tests", (string)bundle.Manifest["agent"]!["client"]!["name"]!);
        Assert.Equal("disconnect", (string)bundle.Manifest["agent"]!["ended_by"]!);
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Empty(bundle.Json("tool_calls.json")["calls"]!.AsArray());
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public async Task A_call_the_client_cancels_stops_its_command_and_the_session_goes_on()
    {
        using var repo = TempRepo.Create();
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, ["--cap", "proc.exec=sleep *", "--cap", "proc.exec=echo *"]))
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mcp.Client.CallToolAsync(
                "run_command", new Dictionary<string, object?> { ["argv"] = new[] { "sleep", "30" } }, cancellationToken: cancel.Token).AsTask());
            var after = await mcp.CallAsync("run_command", new { argv = new[] { "echo", "still here" }, required = true });
            Assert.Contains("still here", McpCliSession.Text(after), StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the cancelled command ran on for {clock.Elapsed}");
        }

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        var sleep = bundle.Check(0);
        Assert.Equal("cancelled", (string)sleep["status"]!);
        Assert.True((long)sleep["duration_ms"]! < 20_000);
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal("disconnect", (string)bundle.Manifest["agent"]!["ended_by"]!);
    }

    [Fact]
    public async Task A_session_that_writes_more_than_a_program_may_hold_is_still_recorded_and_its_replay_says_why_not()
    {
        using var repo = TempRepo.Create();
        var big = string.Concat(Enumerable.Repeat("generated fixture line of a large file\n", 40_000));
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, ["--cap", "fs.write=src/**", "--cap", "proc.exec=echo *"]))
        {
            Assert.StartsWith("wrote ", McpCliSession.Text(await mcp.CallAsync("write_file", new { path = "src/fixture.txt", content = big })), StringComparison.Ordinal);
            await mcp.CallAsync("run_command", new { argv = new[] { "echo", "ok" }, required = true });
            await mcp.CallAsync("finish", new { claim = "done" });
        }

        Assert.Equal(big, File.ReadAllText(repo.Combine("src", "fixture.txt")));
        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("verified", bundle.Outcome);
        Assert.Empty(bundle.Json("errors.json")["errors"]!.AsArray());
        SchemaValidator.AssertValid(bundle.Path);
        var replay = EvidenceCli.Run(repo.Path, "replay", "last");
        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("EVD0313", replay.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 MiB", replay.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The server is the process whose command line names this store, and only it.</summary>
    private static void KillServer(string storePath, string signal = "KILL")
    {
        var kill = Process.Start(new ProcessStartInfo("pkill", ["-" + signal, "-f", "mcp --out " + storePath]) { RedirectStandardError = true })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
