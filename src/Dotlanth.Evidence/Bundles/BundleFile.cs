namespace Dotlanth.Evidence.Bundles;

/// <summary>One entry of the manifest's file list.</summary>
public sealed record BundleFile(string Path, string Role, long Bytes, string Sha256);
