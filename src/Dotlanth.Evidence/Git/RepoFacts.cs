namespace Dotlanth.Evidence.Git;

/// <summary>What the manifest's repo section says. Null fields are listed in the bundle's missing parts.</summary>
public sealed record RepoFacts(
    string Root,
    string? Commit,
    string? Branch,
    bool Dirty,
    string? Remote,
    bool Shallow,
    int ChangedFiles);
