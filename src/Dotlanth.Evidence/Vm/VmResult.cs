namespace Dotlanth.Evidence.Vm;

/// <summary>How a program ended: its return value, the steps it took, and the fault or line when it did not return.</summary>
public sealed record VmResult(VmStatus Status, Value Returned, long Steps, VmFaultException? Fault = null, int Line = 0);
