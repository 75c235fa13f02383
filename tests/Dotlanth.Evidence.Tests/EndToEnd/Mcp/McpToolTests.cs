using Dotlanth.Evidence.Tests.Support;
using ModelContextProtocol;

namespace Dotlanth.Evidence.Tests.EndToEnd.Mcp;

/// <summary>dotnet-evidence mcp as a real process, driven by the official C# SDK client: every tool, denials, escapes, replay.</summary>
public sealed class McpToolTests
{
    private static readonly string[] Caps =
    [
        "--cap", "proc.exec=echo *", "--cap", "fs.read=**", "--cap", "fs.write=src/**", "--cap", "fs.list=**", "--cap", "artifact.put=*",
    ];

    [Fact]
    public async Task Every_tool_is_a_recorded_syscall_and_the_session_replays_identically_without_effects()
    {
        using var repo = TempRepo.Create();
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, Caps))
        {
            var tools = await mcp.Client.ListToolsAsync();
            Assert.Equal(
                ["finish", "git_diff", "git_status", "list_directory", "log_note", "put_artifact", "read_file", "run_check", "run_command", "write_file"],
                tools.Select(t => t.Name).Order(StringComparer.Ordinal));
            Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));

            Assert.Equal("README.md\nsrc/", McpCliSession.Text(await mcp.CallAsync("list_directory")).Replace(".evidence/\n", string.Empty, StringComparison.Ordinal).Replace(".git/\n", string.Empty, StringComparison.Ordinal));
            Assert.Equal("# sample\n", McpCliSession.Text(await mcp.CallAsync("read_file", new { path = "README.md" })));
            Assert.Equal("wrote 4 bytes to src/new.txt", McpCliSession.Text(await mcp.CallAsync("write_file", new { path = "src/new.txt", content = "new\n" })));
            Assert.Contains("dirty true", McpCliSession.Text(await mcp.CallAsync("git_status")), StringComparison.Ordinal);
            Assert.Contains("+new", McpCliSession.Text(await mcp.CallAsync("git_diff", new { path = "src" })), StringComparison.Ordinal);
            var echo = await mcp.CallAsync("run_command", new { argv = new[] { "echo", "hello" }, required = true });
            Assert.NotEqual(true, echo.IsError);
            Assert.StartsWith("exit code 0 (passed); recorded as check echo attempt 1\n--- stdout ---\nhello\n", McpCliSession.Text(echo), StringComparison.Ordinal);
            Assert.Equal(0, echo.StructuredContent!.Value.GetProperty("exit_code").GetInt32());
            Assert.Contains("stored artifact notes", McpCliSession.Text(await mcp.CallAsync("put_artifact", new { name = "notes", type = "document", content = "findings\n" })), StringComparison.Ordinal);
            Assert.Equal("recorded", McpCliSession.Text(await mcp.CallAsync("log_note", new { message = "fixing the parser" })));
            var missing = await mcp.CallAsync("read_file", new { path = "nope.txt" });
            Assert.True(missing.IsError);
            Assert.StartsWith("error EVD0003: fs.read: 'nope.txt' does not exist", McpCliSession.Text(missing), StringComparison.Ordinal);
            var badClaim = await mcp.CallAsync("finish", new { claim = "success" });
            Assert.StartsWith("error EVD0002: finish: 'claim' must be one of done, partial, failed, gave_up", McpCliSession.Text(badClaim), StringComparison.Ordinal);
            var finish = await mcp.CallAsync("finish", new { claim = "done", summary = "added src/new.txt" });
            Assert.Contains("outcome verified", McpCliSession.Text(finish), StringComparison.Ordinal);
            var after = await mcp.CallAsync("log_note", new { message = "too late" });
            Assert.True(after.IsError);
            Assert.StartsWith("error EVD0317", McpCliSession.Text(after), StringComparison.Ordinal);
        }

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("verified", bundle.Outcome);
        SchemaValidator.AssertValid(bundle.Path);
        bundle.AssertIntegrity();
        var agent = bundle.Manifest["agent"]!;
        Assert.Equal("evidence-tests", (string)agent["client"]!["name"]!);
        Assert.Equal("1.2.3", (string)agent["client"]!["version"]!);
        Assert.Equal("finish", (string)agent["ended_by"]!);
        Assert.Equal("done", (string)agent["claim"]!["outcome"]!);
        Assert.Equal(9, (int)agent["tool_calls"]!);
        Assert.Equal("mcp", (string)bundle.Manifest["invocation"]!["front_end"]!);
        var calls = bundle.Json("tool_calls.json")["calls"]!.AsArray();
        Assert.Equal(
            ["list_directory fs.list ok", "read_file fs.read ok", "write_file fs.write ok", "git_status git.snapshot ok", "git_diff git.diff ok",
             "run_command proc.exec ok", "put_artifact artifact.put ok", "log_note log.emit ok", "read_file fs.read error", "finish  rejected"],
            calls.Select(c => $"{c!["tool"]} {c["syscall"]} {c["status"]}"));
        Assert.Equal(4, (int)calls[2]!["arguments"]!["content"]!["bytes"]!);
        Assert.DoesNotContain("new\\n", calls[2]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("echo", (string)calls[5]!["check"]!["name"]!);
        var trace = bundle.Lines("trace.jsonl");
        Assert.Equal(Enumerable.Range(1, trace.Count).Select(i => (long)i), trace.Select(e => (long)e["seq"]!));
        Assert.All(calls.Where(c => (string)c!["status"]! != "rejected"), c => Assert.Equal("syscall.attempt", (string)trace[(int)(long)c!["seq"]![0]! - 1]["type"]!));
        Assert.Contains(trace, e => (string)e["type"]! == "session.client");

        var inspect = EvidenceCli.Run(repo.Path, "inspect", "last");
        Assert.Contains("agent    evidence-tests 1.2.3 (mcp), 9 tool call(s), ended by finish, claims done: added src/new.txt", inspect.Stdout, StringComparison.Ordinal);

        File.Delete(repo.Combine("src", "new.txt"));
        var replay = EvidenceCli.Run(repo.Path, "replay", "last");
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("replay identical: run", replay.Stdout, StringComparison.Ordinal);
        Assert.Contains("9 syscall(s) answered from the recording", replay.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("src", "new.txt")), "replay wrote a file");
    }

    [Fact]
    public async Task Denied_commands_and_escaping_paths_run_nothing_name_the_capability_and_block_the_session()
    {
        using var repo = TempRepo.Create();
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, Caps))
        {
            var denied = await mcp.CallAsync("run_command", new { argv = new[] { "touch", "pwned" } });
            Assert.True(denied.IsError);
            Assert.Equal(
                "error EVD0310: proc.exec \"touch pwned\" is not allowed by the session's capabilities\nhint: allow it under 'capabilities: proc.exec:' in evidence.yml, or start the server with --cap 'proc.exec=touch pwned' (or a pattern that matches it)",
                McpCliSession.Text(denied));
            var outside = await mcp.CallAsync("write_file", new { path = "../escaped.txt", content = "x" });
            Assert.StartsWith("error EVD0310: fs.write '../escaped.txt' is outside the repository", McpCliSession.Text(outside), StringComparison.Ordinal);
            var notAllowed = await mcp.CallAsync("write_file", new { path = "README.md", content = "x" });
            Assert.StartsWith("error EVD0310: fs.write \"README.md\" is not allowed", McpCliSession.Text(notAllowed), StringComparison.Ordinal);
            var elsewhere = await mcp.CallAsync("run_command", new { argv = new[] { "echo", "x" }, cwd = "../.." });
            Assert.StartsWith("error EVD0311: proc.exec: the working directory '../..' is outside the repository", McpCliSession.Text(elsewhere), StringComparison.Ordinal);
            var badArgs = await mcp.CallAsync("run_command", new { argv = "echo x" });
            Assert.StartsWith("error EVD0002: run_command: 'argv' is required: a non-empty array of strings", McpCliSession.Text(badArgs), StringComparison.Ordinal);
            await Assert.ThrowsAsync<McpProtocolException>(() => mcp.CallAsync("rm_rf"));
            Assert.Contains("hello", McpCliSession.Text(await mcp.CallAsync("run_command", new { argv = new[] { "echo", "hello" }, required = true })), StringComparison.Ordinal);
        }

        Assert.False(File.Exists(repo.Combine("pwned")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(repo.Path)!, "escaped.txt")));
        Assert.Equal("# sample\n", File.ReadAllText(repo.Combine("README.md")));
        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Equal("disconnect", (string)bundle.Manifest["agent"]!["ended_by"]!);
        SchemaValidator.AssertValid(bundle.Path);
        var report = bundle.Json("capability_report.json");
        Assert.Equal(3, report["denied"]!.AsArray().Count);
        Assert.All(report["declared"]!.AsArray(), d => Assert.Equal("cli", (string)d!["source"]!));
        Assert.Equal(
            ["denied", "denied", "denied", "error", "rejected", "ok"],
            bundle.Json("tool_calls.json")["calls"]!.AsArray().Select(c => (string)c!["status"]!));
        Assert.Contains(bundle.Json("errors.json")["errors"]!.AsArray(), e => (string)e!["code"]! == "EVD0310");
    }

    [Fact]
    public async Task A_session_with_no_required_check_is_blocked_because_nothing_verified_it()
    {
        using var repo = TempRepo.Create();
        await using (var mcp = await McpCliSession.StartAsync(repo.Path, Caps))
        {
            await mcp.CallAsync("run_command", new { argv = new[] { "echo", "exploring" } });
            await mcp.CallAsync("finish", new { claim = "done" });
        }

        var bundle = McpCliSession.WaitForBundles(repo.Combine(".evidence")).Single();
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Equal("done", (string)bundle.Manifest["agent"]!["claim"]!["outcome"]!);
        Assert.Contains(bundle.Json("errors.json")["errors"]!.AsArray(), e => (string)e!["code"]! == "EVD0309");
    }
}
