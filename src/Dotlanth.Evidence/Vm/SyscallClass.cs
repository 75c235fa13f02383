namespace Dotlanth.Evidence.Vm;

/// <summary>How replay treats a syscall: pure ones could be recomputed, the others are answered from the record.</summary>
public enum SyscallClass
{
    Pure,
    NonDeterministic,
    SideEffect,
}
