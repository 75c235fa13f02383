namespace Dotlanth.Evidence.Vm;

// The kinds are the VM's own type names, which the .dasm syntax and the trace use.
#pragma warning disable CA1720
public enum ValueKind : byte
{
    Unit,
    Bool,
    Int,
    String,
    Bytes,
    List,
}
#pragma warning restore CA1720
