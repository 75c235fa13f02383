using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Vm;

/// <summary>Runs ISA v1 over 32 registers. The step budget bounds every program, loops included.</summary>
public static class Interpreter
{
    public const long DefaultStepBudget = 1_000_000;

    /// <summary>Runs from the first instruction with all registers unit, except r0, which holds <paramref name="arguments"/> (the program's arguments).</summary>
    public static VmResult Run(VmProgram program, ISyscallHost host, long stepBudget = DefaultStepBudget, Value arguments = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(host);
        var registers = new Value[32];
        registers[0] = arguments;
        var code = program.Code.AsSpan();
        var constants = program.Constants.AsSpan();
        var pc = 0;
        long steps = 0;
        while (pc < code.Length)
        {
            if (++steps > stepBudget)
            {
                return new VmResult(VmStatus.BudgetExceeded, Value.Unit, steps - 1, new VmFaultException(
                    Codes.StepBudgetExceeded, $"the program used its whole step budget of {stepBudget}", "raise max_steps or fix the loop"), code[pc].Line);
            }

            ref readonly var ins = ref code[pc];
            pc++;
            try
            {
                switch (ins.Op)
                {
                    case OpCode.Const:
                        registers[ins.A] = constants[ins.B];
                        break;
                    case OpCode.Move:
                        registers[ins.A] = registers[ins.B];
                        break;
                    case OpCode.Eq:
                        registers[ins.A] = Value.Of(registers[ins.B] == registers[ins.C]);
                        break;
                    case OpCode.Lt:
                        registers[ins.A] = Value.Of(registers[ins.B].AsInt < registers[ins.C].AsInt);
                        break;
                    case OpCode.Get:
                        registers[ins.A] = ValueOps.Get(registers[ins.B], registers[ins.C]);
                        break;
                    case OpCode.Prefix:
                        registers[ins.A] = ValueOps.After(registers[ins.B], registers[ins.C]);
                        break;
                    case OpCode.Concat:
                        registers[ins.A] = ValueOps.Concat(registers[ins.B], registers[ins.C]);
                        break;
                    case OpCode.Jmp:
                        pc = ins.A;
                        break;
                    case OpCode.Jz:
                        pc = registers[ins.A].IsZero ? ins.B : pc;
                        break;
                    case OpCode.Jnz:
                        pc = registers[ins.A].IsZero ? pc : ins.B;
                        break;
                    case OpCode.Syscall:
                        registers[ins.A] = Call(host, ins, registers);
                        break;
                    case OpCode.Try:
                        try
                        {
                            registers[ins.A] = Call(host, ins, registers);
                            registers[ins.C] = Value.Unit;
                        }
                        catch (VmFaultException fault) when (!Ends(fault))
                        {
                            registers[ins.A] = Value.Unit;
                            registers[ins.C] = Value.Of(fault.Code);
                        }

                        break;
                    case OpCode.Ret:
                        return new VmResult(VmStatus.Returned, registers[ins.A], steps);
                    case OpCode.Halt:
                        return new VmResult(VmStatus.Halted, Value.Unit, steps);
                    default:
                        throw new VmFaultException(Codes.ProgramInvalid, $"unknown opcode {ins.Op}");
                }
            }
            catch (VmFaultException fault)
            {
                return new VmResult(VmStatus.Faulted, Value.Unit, steps, fault, ins.Line);
            }
            catch (InvalidCastException mismatch)
            {
                return new VmResult(VmStatus.Faulted, Value.Unit, steps, new VmFaultException(Codes.ProgramInvalid, $"line {ins.Line}: {mismatch.Message}"), ins.Line);
            }
        }

        return new VmResult(VmStatus.Halted, Value.Unit, steps);
    }

    /// <summary>A budget or an interrupt ends the program even inside <c>try</c>: they bound the program, not one call.</summary>
    private static bool Ends(VmFaultException fault) => fault.Code is Codes.StepBudgetExceeded or Codes.TimeBudgetExceeded or Codes.RunCancelled;

    private static Value Call(ISyscallHost host, in Instruction ins, Value[] registers)
    {
        var info = SyscallTable.ByNumber(ins.B)!;
        var argRegs = ins.Args!;
        // Optional arguments left out are unit.
        var values = new Value[info.Arity];
        for (var i = 0; i < argRegs.Length; i++)
        {
            values[i] = registers[argRegs[i]];
        }

        return host.Invoke(info, values);
    }
}
