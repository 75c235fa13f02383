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

    /// <summary>A syscall whose fault is a value: the program goes on with the fault's code in a register.</summary>
    Try,
}
