namespace Dotlanth.Evidence.Vm;

public enum VmStatus
{
    Returned,
    Halted,
    Faulted,
    BudgetExceeded,
}
