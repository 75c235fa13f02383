namespace Dotlanth.Evidence.Vm;

/// <summary>How a syscall's arguments reach the host method that performs it.</summary>
public delegate Value SyscallHandler(ISyscallHandlers host, ReadOnlySpan<Value> args);
