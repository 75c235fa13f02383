namespace Dotlanth.Evidence.Git;

/// <summary>A path that differs from the base: status letter as git prints it, and the working-tree content's digest.</summary>
public sealed record ChangedFile(string Path, string Status, long? Bytes, string? Sha256);
