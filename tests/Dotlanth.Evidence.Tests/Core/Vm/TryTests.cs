using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Tests.Core.Vm;

public sealed class TryTests
{
    /// <summary>fs.read of "missing" faults; a time budget fault on proc.exec; everything else returns "ok".</summary>
    private sealed class FaultingWorld : ISyscallHost
    {
        public List<string> Calls { get; } = [];

        public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args)
        {
            Calls.Add(syscall.Name);
            return syscall.Name switch
            {
                "fs.read" when args[0].AsString == "missing" => throw new VmFaultException(Codes.InputNotFound, "fs.read: 'missing' does not exist"),
                "proc.exec" => throw new VmFaultException(Codes.TimeBudgetExceeded, "the run used its whole time budget"),
                _ => Value.Of("ok"),
            };
        }
    }

    [Fact]
    public void Try_puts_a_faults_code_in_its_second_register_and_the_program_goes_on()
    {
        var program = Assembler.Assemble("""
            .abi 1
                const r1, "missing"
                try r2, r3, fs.read, r1
                const r1, "present"
                try r4, r5, fs.read, r1
                mov r7, r3
                ret r7
            """);
        var world = new FaultingWorld();

        var result = Interpreter.Run(program, world);

        Assert.Equal(VmStatus.Returned, result.Status);
        Assert.Equal(Value.Of(Codes.InputNotFound), result.Returned);
        Assert.Equal(["fs.read", "fs.read"], world.Calls);
    }

    [Fact]
    public void Try_leaves_unit_in_the_fault_register_on_success_and_the_result_in_the_first()
    {
        var program = Assembler.Assemble(".abi 1\n  const r1, \"present\"\n  try r2, r3, fs.read, r1\n  jnz r3, failed\n  ret r2\nfailed:\n  ret r3\n");

        Assert.Equal(Value.Of("ok"), Interpreter.Run(program, new FaultingWorld()).Returned);
    }

    [Fact]
    public void A_budget_ends_the_program_even_inside_try()
    {
        var program = Assembler.Assemble(".abi 1\n  const r1, [\"make\"]\n  try r2, r3, proc.exec, r1, r0\n  ret r3\n");

        var result = Interpreter.Run(program, new FaultingWorld());

        Assert.Equal(VmStatus.Faulted, result.Status);
        Assert.Equal(Codes.TimeBudgetExceeded, result.Fault!.Code);
    }

    [Theory]
    [InlineData(".abi 1\n  try r1, fs.read, r0\n", "p.dasm(2,11): expected a register r0..r31")]
    [InlineData(".abi 1\n  try r1, r2, fs.read\n", "fs.read takes 1 argument register(s), found 0")]
    public void Try_is_checked_like_syscall_before_anything_runs(string text, string message)
    {
        var error = Assert.Throws<AssemblyException>(() => Assembler.Assemble(text, "p.dasm"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
