using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Mcp;

/// <summary>
/// A client nobody here wrote: the MCP Inspector's CLI (npm @modelcontextprotocol/inspector, installed by
/// build/test-prereqs.sh) starts 'dotnet-evidence mcp' over stdio, lists its tools and calls each one. Every call
/// is a session of its own, so each leaves a bundle.
/// </summary>
public sealed class McpInspectorTests
{
    private static readonly string[] Server =
    [
        EvidenceCli.Executable, .. EvidenceCli.Args(["mcp"]),
        "--cap", "proc.exec=echo *", "--cap", "fs.read=**", "--cap", "fs.write=src/**", "--cap", "fs.list=**", "--cap", "artifact.put=*",
    ];

    [Fact]
    public void The_inspector_lists_every_tool_with_its_schema()
    {
        using var repo = TempRepo.Create();

        var listed = Inspect(repo.Path, "--method", "tools/list");

        var tools = listed["tools"]!.AsArray();
        Assert.Equal(10, tools.Count);
        Assert.All(tools, t => Assert.Equal("object", (string)t!["inputSchema"]!["type"]!));
        Assert.Equal(["argv"], tools.Single(t => (string)t!["name"]! == "run_command")!["inputSchema"]!["required"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void The_inspector_calls_each_tool_and_each_call_is_recorded()
    {
        using var repo = TempRepo.Create();
        (string Tool, string[] Args, string Expected)[] calls =
        [
            ("run_command", ["argv=[\"echo\",\"from inspector\"]", "required=true"], "from inspector"),
            ("read_file", ["path=README.md"], "# sample"),
            ("write_file", ["path=src/inspected.txt", "content=seen"], "wrote 4 bytes"),
            ("list_directory", ["path=src"], "app.txt"),
            ("git_status", [], "branch main"),
            ("git_diff", [], "+seen"),
            ("put_artifact", ["name=summary", "type=report", "content=ok"], "stored artifact summary"),
            ("log_note", ["message=inspected"], "recorded"),
            ("finish", ["claim=done"], "session sealed"),
        ];

        foreach (var (tool, args, expected) in calls)
        {
            var result = Inspect(repo.Path, ["--method", "tools/call", "--tool-name", tool, .. args.SelectMany(a => new[] { "--tool-arg", a })]);
            var text = string.Concat(result["content"]!.AsArray().Select(c => (string)c!["text"]!));
            Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{tool}: {text}");
        }

        Assert.Equal("seen", File.ReadAllText(repo.Combine("src", "inspected.txt")));
        var bundles = BundleOnDisk.All(repo.Combine(".evidence"));
        Assert.Equal(calls.Length, bundles.Count);
        Assert.All(bundles, b => Assert.Equal("inspector-cli", (string)b.Manifest["agent"]!["client"]!["name"]!));
        Assert.Equal("verified", bundles.Single(b => b.Lines("checks.jsonl").Count == 1).Outcome);
        Assert.All(bundles, b => SchemaValidator.AssertValid(b.Path));
    }

    [Fact]
    public void The_inspector_sees_a_denied_call_as_a_tool_error()
    {
        using var repo = TempRepo.Create();

        var result = Processes.Run(Inspector, ["--cli", .. Server, "--method", "tools/call", "--tool-name", "run_command", "--tool-arg", "argv=[\"touch\",\"pwned\"]"], repo.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("tool_is_error", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("pwned")));
        Assert.Equal("blocked", BundleOnDisk.Only(repo.Combine(".evidence")).Outcome);
    }

    private static string Inspector
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("EVIDENCE_MCP_INSPECTOR");
            Assert.True(path is not null && File.Exists(path), "EVIDENCE_MCP_INSPECTOR must name the MCP Inspector CLI (build/test-prereqs.sh installs it)");
            return path!;
        }
    }

    private static JsonObject Inspect(string cwd, params string[] args)
    {
        var result = Processes.Run(Inspector, ["--cli", .. Server, .. args], cwd);
        Assert.True(result.ExitCode == 0, $"inspector exited {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }
}
