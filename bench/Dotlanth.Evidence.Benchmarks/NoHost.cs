using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>For programs that make no syscall.</summary>
public sealed class NoHost : ISyscallHost
{
    public static NoHost Instance { get; } = new();

    public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args) => throw new InvalidOperationException("no syscalls here");
}
