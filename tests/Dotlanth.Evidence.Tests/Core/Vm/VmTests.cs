using System.Collections.Immutable;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Tests.Core.Vm;

public sealed class VmTests
{
    private sealed class FakeWorld : ISyscallHost
    {
        public List<(string Name, Value[] Args)> Calls { get; } = [];

        public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args)
        {
            Calls.Add((syscall.Name, args.ToArray()));
            return syscall.Name == "proc.exec" ? Value.Of(Calls.Count == 1 ? 1L : 0L) : Value.Unit;
        }
    }

    [Fact]
    public void A_program_can_react_to_a_checks_result()
    {
        var program = Assembler.Assemble("""
            .abi 1
            .cap proc.exec "pytest *"
                const r0, ["pytest", "-q"]
                const r1, ["name", "pytest"]
                const r5, 0
            retry:
                syscall r2, proc.exec, r0, r1   ; first attempt fails
                eq r3, r2, r5
                jz r3, retry
                ret r2
            """);
        var world = new FakeWorld();

        var result = Interpreter.Run(program, world);

        Assert.Equal(VmStatus.Returned, result.Status);
        Assert.Equal(Value.Of(0L), result.Returned);
        Assert.Equal(2, world.Calls.Count);
        Assert.Equal(new Capability("proc.exec", "pytest *"), Assert.Single(program.Capabilities));
        Assert.Equal(Value.List(Value.Of("pytest"), Value.Of("-q")), world.Calls[0].Args[0]);
    }

    [Fact]
    public void The_step_budget_stops_an_endless_loop()
    {
        var program = Assembler.Assemble(".abi 1\nloop:\n  jmp loop\n");
        var result = Interpreter.Run(program, new FakeWorld(), stepBudget: 1000);

        Assert.Equal(VmStatus.BudgetExceeded, result.Status);
        Assert.Equal(1000, result.Steps);
        Assert.Equal("EVD0302", result.Fault!.Code);
    }

    [Fact]
    public void A_type_mismatch_faults_with_the_line()
    {
        var program = Assembler.Assemble(".abi 1\n  const r0, \"text\"\n  const r1, 1\n  lt r2, r0, r1\n  ret r2\n");
        var result = Interpreter.Run(program, new FakeWorld());

        Assert.Equal(VmStatus.Faulted, result.Status);
        Assert.Equal(4, result.Line);
    }

    [Theory]
    [InlineData("  const r0, 1\n", 1, 1, "missing '.abi 1' header")]
    [InlineData(".abi 2\n", 1, 6, "unsupported ABI version '2'")]
    [InlineData(".abi 1\n  frob r1\n", 2, 3, "unknown instruction 'frob'")]
    [InlineData(".abi 1\n  const r32, 1\n", 2, 9, "expected a register r0..r31, found 'r32'")]
    [InlineData(".abi 1\n  syscall r0, proc.launch, r1\n", 2, 15, "unknown syscall")]
    [InlineData(".abi 1\n  syscall r0, proc.exec, r1\n", 2, 15, "proc.exec takes 2 argument register(s), found 1")]
    [InlineData(".abi 1\n  jmp nowhere\n", 2, 7, "unknown label 'nowhere'")]
    [InlineData(".abi 1\n.cap proc.exec pytest\n", 2, 16, "expected a string in double quotes")]
    [InlineData(".abi 1\n  const r0, \"open\n", 2, 13, "unterminated string")]
    [InlineData(".abi 1\n  ret r0 r1\n", 2, 10, "unexpected text after the instruction")]
    [InlineData(".abi 1\nx:\nx:\n", 3, 1, "label 'x' is defined twice")]
    [InlineData(".abi 1\n.cap proc.launch \"x\"\n", 2, 6, "unknown syscall 'proc.launch' in capability")]
    [InlineData(".abi 1\n.cap log.emit \"x\"\n", 2, 6, "log.emit needs no capability; only proc.exec, fs.read, fs.write, env.get, artifact.put, fs.list and net.http.serve are limited")]
    [InlineData(".abi 1\n.cap fs.write \"/etc/**\"\n", 2, 15, "bad capability pattern: a path pattern is relative to the repository and may not start with '/' or contain '..'")]
    [InlineData(".abi 1\n.cap fs.read \"../**\"\n", 2, 14, "bad capability pattern: a path pattern is relative to the repository and may not start with '/' or contain '..'")]
    [InlineData(".abi 1\n.cap env.get \"\"\n", 2, 14, "bad capability pattern: the pattern is empty")]
    public void Assembly_errors_name_line_and_column(string text, int line, int column, string message)
    {
        var error = Assert.Throws<AssemblyException>(() => Assembler.Assemble(text, "agent.dasm"));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(message, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"agent.dasm({line},{column}): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Literals_round_trip_through_text()
    {
        var value = Value.List(
            Value.Of("quote \" backslash \\ newline \n tab \t nul \0 unicode é \u0001"),
            Value.Of(-42L),
            Value.Of(long.MaxValue),
            Value.Of(true),
            Value.Unit,
            Value.Of(new byte[] { 0, 1, 255, (byte)'"' }),
            Value.List());

        var program = Assembler.Assemble($".abi 1\n  const r0, {Assembler.Literal(value)}\n  ret r0\n");

        Assert.Equal(value, Interpreter.Run(program, new FakeWorld()).Returned);
    }

    [Fact]
    public void The_run_program_for_a_command_assembles_to_one_proc_exec()
    {
        string[] argv = ["dotnet", "test", "--filter", "Category=\"Fast\"", "a\nb"];
        var text = CommandProgram.Build(argv, "unit", TimeSpan.FromMinutes(10));
        var program = Assembler.Assemble(text);
        var world = new FakeWorld();

        Interpreter.Run(program, world);

        var call = Assert.Single(world.Calls);
        Assert.Equal("proc.exec", call.Name);
        Assert.Equal([.. argv], call.Args[0].AsList.Select(v => v.AsString));
        Assert.Equal(
            Value.Of(ImmutableArray.Create(Value.Of("name"), Value.Of("unit"), Value.Of("required"), Value.Of(true), Value.Of("timeout_ms"), Value.Of(600_000L))),
            call.Args[1]);
    }

    [Fact]
    public void Syscall_numbers_and_names_are_stable()
    {
        Assert.Equal(
            ["1 log.emit", "2 proc.exec", "3 fs.read", "4 fs.write", "5 env.get", "6 time.now", "7 random.bytes", "8 git.snapshot", "9 artifact.put", "10 fs.list", "11 git.diff", "12 net.http.serve", "13 net.http.respond"],
            SyscallTable.All.Select(s => $"{s.Number} {s.Name}"));
    }
}
