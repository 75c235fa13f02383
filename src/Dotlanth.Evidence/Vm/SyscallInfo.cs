namespace Dotlanth.Evidence.Vm;

/// <summary>A syscall of the ABI: its stable number and name, how many argument registers it takes, and its class.</summary>
public sealed record SyscallInfo(int Number, string Name, int Arity, SyscallClass Class);
