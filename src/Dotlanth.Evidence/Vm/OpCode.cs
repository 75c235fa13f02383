namespace Dotlanth.Evidence.Vm;

/// <summary>ISA v1.</summary>
public enum OpCode : byte
{
    Const,
    Move,
    Syscall,
    Halt,
    Ret,
    Eq,
    Lt,
    Jmp,
    Jz,
    Jnz,
}
