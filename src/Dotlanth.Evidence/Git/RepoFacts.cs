namespace Dotlanth.Evidence.Git;

/// <summary>What the manifest's repo section says. A null field is unknown (or absent) and listed in the bundle's missing parts.</summary>
public sealed record RepoFacts(
    string Root,
    string? Commit,
    string? Branch,
    bool? Dirty,
    string? Remote,
    bool Shallow,
    int? ChangedFiles);
