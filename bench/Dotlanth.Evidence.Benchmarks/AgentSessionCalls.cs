using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>
/// An agent session of 1,000 fs.read calls through the whole boundary (session rules, capability check, recorder,
/// live host) and the crash-safe rewrite of the program and tool_calls.json after each call, then the seal: what a
/// long session costs per call besides the protocol.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class AgentSessionCalls
{
    public const int Calls = 1_000;
    private string _repo = "";

    [GlobalSetup]
    public void Setup()
    {
        _repo = Directory.CreateTempSubdirectory("evidence-bench-session-").FullName;
        foreach (var args in new[] { new[] { "init", "-q" }, ["config", "user.email", "b@example.com"], ["config", "user.name", "bench"] })
        {
            Process.Start("git", ["-C", _repo, .. args])!.WaitForExit();
        }

        File.WriteAllText(Path.Combine(_repo, "README.md"), "# bench\n");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_repo, recursive: true);

    [Benchmark(Description = "agent session: 1,000 fs.read calls, then seal")]
    public int Session()
    {
        using var interrupt = new Interrupt();
        var session = AgentSession.Open(
            new RunOptions { WorkingDirectory = _repo, FrontEnd = "mcp", Capabilities = [new Capability("fs.read", "**", "cli")], Environment = new Dictionary<string, string>() },
            RunConsole.Silent with { InheritStdin = false },
            interrupt);
        var read = 0;
        for (var i = 0; i < Calls; i++)
        {
            var outcome = session.Call("read_file", SyscallTable.FsRead, [Value.Of("README.md")], new() { ["path"] = "README.md" });
            read += outcome.Fault is null ? 1 : throw new InvalidOperationException(outcome.Fault.Message);
        }

        session.Finish("finish");
        return read;
    }
}
