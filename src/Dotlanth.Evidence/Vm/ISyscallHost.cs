namespace Dotlanth.Evidence.Vm;

/// <summary>The single effect boundary: every effect of a program is a call here.</summary>
public interface ISyscallHost
{
    Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args);
}
