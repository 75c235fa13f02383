using System.IO.Pipelines;
using System.Text.Json;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Cli.Mcp;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Replay;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Tests.Support;
using Dotlanth.Evidence.Vm;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Dotlanth.Evidence.Tests.Core.Runs;

/// <summary>An agent session served in process over in-memory pipes to the official SDK client: the server's logic without a process.</summary>
public sealed class AgentSessionTests
{
    [Fact]
    public async Task A_session_served_in_process_records_each_call_and_its_stored_program_replays_identically()
    {
        using var repo = TempRepo.Create();
        var options = new RunOptions
        {
            WorkingDirectory = repo.Path,
            FrontEnd = "mcp",
            Capabilities = [new Capability("fs.read", "**", "cli"), new Capability("fs.write", "src/**", "cli"), new Capability("proc.exec", "echo *", "cli")],
            Environment = new Dictionary<string, string>(),
        };
        using var interrupt = new Interrupt();
        var session = AgentSession.Open(options, RunConsole.Silent with { InheritStdin = false }, interrupt);
        var toServer = new Pipe();
        var toClient = new Pipe();
        var serving = SessionServer.ServeAsync(
            session,
            SessionTools.Create([]),
            new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream(), "dotnet-evidence"),
            CancellationToken.None);

        await using (var client = await McpClient.CreateAsync(
            new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()),
            new McpClientOptions { ClientInfo = new Implementation { Name = "in-process", Version = "0.1" } }))
        {
            var wrote = await client.CallToolAsync("write_file", Arguments(new { path = "src/a.txt", content = "a\n" }));
            Assert.Equal("wrote 2 bytes to src/a.txt", Text(wrote));
            var read = await client.CallToolAsync("read_file", Arguments(new { path = "src/a.txt" }));
            Assert.Equal("a\n", Text(read));
            var denied = await client.CallToolAsync("write_file", Arguments(new { path = "README.md", content = "x" }));
            Assert.True(denied.IsError);
            var ran = await client.CallToolAsync("run_command", Arguments(new { argv = new[] { "echo", "ok" }, required = true }));
            Assert.StartsWith("exit code 0 (passed)", Text(ran), StringComparison.Ordinal);
            var rejected = await client.CallToolAsync("read_file", Arguments(new { file = "src/a.txt" }));
            Assert.StartsWith("error EVD0002: read_file: read_file takes no argument 'file'", Text(rejected), StringComparison.Ordinal);
        }

        toServer.Writer.Complete();
        var report = await serving;

        Assert.Equal("blocked", report.Outcome.ToWire());
        var bundle = new BundleOnDisk(report.BundlePath);
        Assert.Equal("in-process", (string)bundle.Manifest["agent"]!["client"]!["name"]!);
        Assert.Equal(["ok", "ok", "denied", "ok", "rejected"], bundle.Json("tool_calls.json")["calls"]!.AsArray().Select(c => (string)c!["status"]!));
        var program = (string)bundle.Json("input_snapshot.json")["program"]!["text"]!;
        Assert.Contains("    try r0, r31, fs.write, r1, r2\n", program, StringComparison.Ordinal);
        Assert.Equal(4, Assembler.Assemble(program).Code.Count(i => i.Op == OpCode.Try));
        var replay = ReplaySession.Run(report.BundlePath, new Dictionary<string, string>());
        Assert.True(replay.Identical, replay.Divergence?.Message);
        Assert.Equal(4, replay.Syscalls);
        SchemaValidator.AssertValid(report.BundlePath);
    }

    private static Dictionary<string, object?> Arguments(object value) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(value))!;

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
