using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Tests.Core.Vm;

/// <summary>get, prefix and concat: what routing a request and building an answer need, and their limits.</summary>
public sealed class ValueOpsTests
{
    private sealed class NoWorld : ISyscallHost
    {
        public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args) => throw new InvalidOperationException("no syscall expected");
    }

    private static VmResult Run(string body) => Interpreter.Run(Assembler.Assemble(".abi 1\n" + body), new NoWorld());

    [Theory]
    [InlineData("\"path\"", "\"/users/42\"")]
    [InlineData("\"method\"", "\"GET\"")]
    [InlineData("\"absent\"", "unit")]
    [InlineData("\"/users/42\"", "unit")]
    public void Get_reads_the_value_after_a_key_and_only_at_key_positions(string key, string expected)
    {
        var result = Run($"""
                const r1, ["method", "GET", "path", "/users/42"]
                const r2, {key}
                get r3, r1, r2
                ret r3
            """);

        Assert.Equal(VmStatus.Returned, result.Status);
        Assert.Equal(expected, Assembler.Literal(result.Returned));
    }

    [Theory]
    [InlineData("\"/users/42\"", "\"42\"")]
    [InlineData("\"/users/\"", "\"\"")]
    [InlineData("\"/user\"", "unit")]
    [InlineData("\"/posts/1\"", "unit")]
    public void Prefix_gives_the_rest_after_the_prefix_or_unit(string path, string expected)
    {
        var result = Run($"""
                const r1, {path}
                const r2, "/users/"
                prefix r3, r1, r2
                ret r3
            """);

        Assert.Equal(expected, Assembler.Literal(result.Returned));
    }

    [Theory]
    [InlineData("\"Hello, \"", "\"Ada\"", "\"Hello, Ada\"")]
    [InlineData("b\"ab\"", "b\"c\"", "b\"abc\"")]
    [InlineData("[1]", "[\"x\", true]", "[1, \"x\", true]")]
    public void Concat_joins_two_values_of_one_kind(string left, string right, string expected)
    {
        var result = Run($"""
                const r1, {left}
                const r2, {right}
                concat r3, r1, r2
                ret r3
            """);

        Assert.Equal(expected, Assembler.Literal(result.Returned));
    }

    [Fact]
    public void Concat_of_two_kinds_is_a_program_fault_at_its_line()
    {
        var result = Run("""
                const r1, "a"
                const r2, 1
                concat r3, r1, r2
                ret r3
            """);

        Assert.Equal(VmStatus.Faulted, result.Status);
        Assert.Equal(Codes.ProgramInvalid, result.Fault!.Code);
        Assert.Contains("concat joins two values of one kind, found string and int", result.Fault.Message, StringComparison.Ordinal);
        Assert.Equal(4, result.Line);
    }

    [Fact]
    public void A_doubling_loop_faults_at_the_size_limit_instead_of_exhausting_memory()
    {
        var result = Run("""
                const r1, "xxxxxxxxxxxxxxxx"
            grow:
                concat r1, r1, r1
                jmp grow
            """);

        Assert.Equal(VmStatus.Faulted, result.Status);
        Assert.Contains($"at most {ValueOps.MaxConcatLength} are allowed", result.Fault!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_argument_left_out_is_unit_and_too_few_or_too_many_are_refused()
    {
        Assembler.Assemble(".abi 1\n    syscall r4, net.http.respond, r1, r2, r3\n    halt\n");
        Assembler.Assemble(".abi 1\n    syscall r4, net.http.respond, r1, r2, r3, r5\n    halt\n");

        var few = Assert.Throws<AssemblyException>(() => Assembler.Assemble(".abi 1\n    syscall r4, net.http.respond, r1, r2\n"));
        var many = Assert.Throws<AssemblyException>(() => Assembler.Assemble(".abi 1\n    syscall r4, net.http.respond, r1, r2, r3, r5, r6\n"));

        Assert.Contains("net.http.respond takes 3 to 4 argument register(s), found 2", few.Message, StringComparison.Ordinal);
        Assert.Contains("found 5", many.Message, StringComparison.Ordinal);
    }
}
