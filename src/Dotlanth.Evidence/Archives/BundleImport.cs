using Dotlanth.Evidence.Stores;

namespace Dotlanth.Evidence.Archives;

/// <summary>
/// <c>import</c>: an exported bundle into this store. Extracted aside, verified whole, and only then moved into
/// <c>runs/</c> and queued for the index; the same bundle already present is not duplicated.
/// </summary>
public static class BundleImport
{
    public static (string RunId, string Path, bool AlreadyPresent) Import(string archivePath, string storeRoot, long maxExpandedBytes = BundleArchive.DefaultMaxExpandedBytes)
    {
        var aside = BundleIntake.Aside(storeRoot, "import");
        try
        {
            var extracted = BundleArchive.Extract(archivePath, aside, maxExpandedBytes);
            var (path, present) = BundleIntake.Adopt(extracted, storeRoot, Path.GetFileName(archivePath));
            return (Path.GetFileName(path), path, present);
        }
        finally
        {
            Directory.Delete(aside, recursive: true);
        }
    }
}
