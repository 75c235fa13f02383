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

    /// <summary>The value after a key in a list of key/value pairs (unit when the key is absent): how a program reads a request.</summary>
    Get,

    /// <summary>The rest of a string after a prefix, unit when it has another start: how a program routes a path with a parameter.</summary>
    Prefix,

    /// <summary>Two strings, bytes or lists joined: how a program builds an answer.</summary>
    Concat,
}
