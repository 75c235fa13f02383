using System.Text;
using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Replay;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>
/// The interpreter on a counting loop (target: at least 50 million simple instructions per second), and replay of a
/// recorded trace of 10,000 events (target: under 1 s).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class VmThroughput
{
    public const long Instructions = 10_000_000;
    private const int ReplayedSyscalls = 5_000; // an attempt and a result each: 10,000 events

    private VmProgram _loop = null!;
    private string _store = "";
    private string _bundle = "";
    private readonly Dictionary<string, string> _environment = [];

    [GlobalSetup]
    public void Setup()
    {
        _loop = Assembler.Assemble(Loop);
        // Record a real run with exec (time.now answered live), then replay its bundle from disk.
        _store = Directory.CreateTempSubdirectory("evidence-bench-").FullName;
        var options = new RunOptions { ProgramText = Syscalls(ReplayedSyscalls), ProgramFile = "clock.dasm", WorkingDirectory = _store, StoreRoot = _store };
        _bundle = RunSession.Execute(options, RunConsole.Silent, new Interrupt()).BundlePath;
        var events = File.ReadLines(Path.Combine(_bundle, "trace.jsonl")).Count();
        if (events != (ReplayedSyscalls * 2) + 2 || !ReplaySession.Run(_bundle, _environment).Identical)
        {
            throw new InvalidOperationException($"the recorded run is not what it should be ({events} events)");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_store, recursive: true);

    [Benchmark(Description = "interpreter: 10 M simple instructions")]
    public long Interpret()
    {
        var result = Interpreter.Run(_loop, NoHost.Instance, Instructions);
        return result.Status == VmStatus.BudgetExceeded && result.Steps == Instructions ? result.Steps : throw new InvalidOperationException("the loop did not run its budget");
    }

    [Benchmark(Description = "replay: 10,000-event trace")]
    public int ReplayTrace() => ReplaySession.Run(_bundle, _environment).Syscalls;

    /// <summary>
    /// ISA v1 has no arithmetic, so the loop never ends by itself: the step budget stops it after exactly
    /// <see cref="Instructions"/> instructions (compare, compare, move, branch).
    /// </summary>
    private const string Loop = """
        .abi 1
            const r1, 1
            const r2, 2
        loop:
            lt r3, r1, r2
            eq r4, r1, r2
            mov r5, r3
            jnz r3, loop
            halt
        """;

    private static string Syscalls(int count)
    {
        var text = new StringBuilder(".abi 1\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("    syscall r1, time.now\n");
        }

        return text.Append("    ret r1\n").ToString();
    }
}
