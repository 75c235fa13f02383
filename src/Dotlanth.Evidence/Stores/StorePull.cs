using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A run of a store brought here, as every front end brings it: into the local store (<c>pull</c>), or into a
/// scratch folder for a command that reads one bundle (<c>inspect</c>, <c>cat</c>, <c>verify</c> with a store).
/// </summary>
public static class StorePull
{
    /// <summary>The run a selector names in a store: a full id as is, else through the store's entries.</summary>
    public static string RunIdOf(IArtifactStore store, string selector)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(selector);
        return RunId.IsValid(selector)
            ? selector
            : store.FindAsync(selector).GetAwaiter().GetResult()?.Id
              ?? throw new EvidenceException(new EvidenceError(Codes.RunNotFound, $"no run matches '{selector}' in {store.Location}", $"'dotnet evidence ls --store {store.Location}' lists its runs"));
    }

    /// <summary>Into the local store and its index, verified where it lands; the same bundle is not copied twice.</summary>
    public static (string RunId, string Path, bool AlreadyPresent) IntoStore(StoreUri location, string selector, string localStore, Action<string>? warn = null)
    {
        using var store = ArtifactStores.Open(location, warn);
        var runId = RunIdOf(store, selector);
        var aside = BundleIntake.Aside(localStore, "pull");
        try
        {
            var (path, present) = BundleIntake.Adopt(store.PullAsync(runId, aside).GetAwaiter().GetResult(), localStore, location.ToString());
            return (runId, path, present);
        }
        finally
        {
            Directory.Delete(aside, recursive: true);
        }
    }

    /// <summary>Into <paramref name="scratch"/>/&lt;run id&gt;, for reading; the caller removes the folder.</summary>
    public static string IntoScratch(StoreUri location, string selector, string scratch, Action<string>? warn = null)
    {
        using var store = ArtifactStores.Open(location, warn);
        return store.PullAsync(RunIdOf(store, selector), scratch).GetAwaiter().GetResult();
    }
}
