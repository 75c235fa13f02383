namespace Dotlanth.Evidence.Vm;

/// <summary>
/// One argument register of a syscall: its name and the values it takes, as the help text and the docs show them.
/// Optional arguments come last; a program may leave them out, and they are then unit.
/// </summary>
public sealed record SyscallArgument(string Name, string Shape, bool Optional = false);
