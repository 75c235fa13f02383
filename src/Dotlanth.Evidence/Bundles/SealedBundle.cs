namespace Dotlanth.Evidence.Bundles;

/// <summary>Where a sealed bundle is and its digest (the sha256 of bundle.json).</summary>
public sealed record SealedBundle(string RunId, string Path, string Digest, IReadOnlyList<BundleFile> Files);
