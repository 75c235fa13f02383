namespace Dotlanth.Evidence.Vm;

/// <summary>Stops a program: a host refused or could not perform a syscall, or the program misused a value.</summary>
public sealed class VmFaultException(string code, string message, string? hint = null) : Exception(message)
{
    public string Code { get; } = code;

    public string? Hint { get; } = hint;
}
