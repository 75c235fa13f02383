namespace Dotlanth.Evidence.Vm;

/// <summary>
/// A syscall of the ABI: its stable number and name, its class (how replay treats it), what its capability is matched
/// against (<see cref="CapabilitySubject.None"/>: unguarded), its argument registers, what it returns, and its handler.
/// </summary>
public sealed record SyscallInfo(
    int Number,
    string Name,
    SyscallClass Class,
    CapabilitySubject Capability,
    IReadOnlyList<SyscallArgument> Arguments,
    string Returns,
    SyscallHandler Handler)
{
    public int Arity => Arguments.Count;

    /// <summary>The arguments a program must give; the optional ones after them are unit when left out.</summary>
    public int RequiredArity => Arguments.Count(a => !a.Optional);

    public bool IsGuarded => Capability != CapabilitySubject.None;

    /// <summary>
    /// Whether a call whose result was never recorded may simply be made again on resume: one that only reads the world
    /// (or waits for a request) changes nothing by being repeated; a side effect may already have happened.
    /// </summary>
    public bool IsSafeToRepeat => Class != SyscallClass.SideEffect;
}
