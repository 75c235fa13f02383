namespace Dotlanth.Evidence.Bundles;

/// <summary>Something the bundle should hold but does not: a file, or a field of the manifest such as repo.branch.</summary>
public sealed record MissingPart(string Path, string Code, string Reason);
