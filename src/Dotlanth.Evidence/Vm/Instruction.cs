namespace Dotlanth.Evidence.Vm;

/// <summary>
/// One decoded instruction. A is the destination or tested register, B and C are sources, a constant index,
/// a syscall number or a jump target depending on the opcode; Args are a syscall's argument registers.
/// </summary>
public readonly record struct Instruction(OpCode Op, int A, int B, int C, int[]? Args, int Line);
