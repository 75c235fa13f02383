namespace Dotlanth.Evidence.Vm;

/// <summary>What a syscall's capability patterns are matched against, which also says whether it is guarded at all.</summary>
public enum CapabilitySubject
{
    /// <summary>Not guarded: the syscall needs no capability (it is still recorded and counted).</summary>
    None,

    /// <summary>The argv joined by spaces, matched with <c>*</c> spanning anything (<c>"pytest *"</c>).</summary>
    CommandLine,

    /// <summary>The path relative to the repository, matched as a .gitignore-style glob (<c>"out/**"</c>); outside it nothing matches.</summary>
    RepositoryPath,

    /// <summary>The first argument as given (a variable or artifact name), matched with <c>*</c> spanning anything.</summary>
    Name,

    /// <summary>
    /// The address to listen on in canonical form (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>; localhost is 127.0.0.1),
    /// matched with <c>*</c> spanning anything; a host that is not loopback only matches a pattern that names it
    /// without wildcards.
    /// </summary>
    Address,
}
