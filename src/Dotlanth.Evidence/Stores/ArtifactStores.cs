namespace Dotlanth.Evidence.Stores;

/// <summary>The store a URI names: an S3-compatible bucket, or a store folder.</summary>
public static class ArtifactStores
{
    public static IArtifactStore Open(StoreUri location, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsRemote ? new S3Store(location) : new FileSystemStore(location, warn);
    }
}
