using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A run reference as every command that reads a run takes it, resolved to a bundle folder: a bundle folder anywhere
/// (verify and replay work on a copy), else a selector (id, id prefix, <c>last</c>, <c>last-failed</c>, a commit...)
/// looked up in the local store's index, or in a remote store when one is named.
/// </summary>
public static class RunReferences
{
    /// <param name="source">The store to fetch the run from (<c>--from</c>), or null for the local store.</param>
    /// <param name="localStore">The local store's root; only asked for when the index is needed (reading evidence.yml can fail).</param>
    /// <param name="scratch">A folder for a run fetched from a remote store; its caller removes it.</param>
    /// <returns>The folder, not yet checked to hold a sealed bundle (verify reports what is wrong with it).</returns>
    public static string Locate(string selector, StoreUri? source, Func<string> localStore, string workingDirectory, Func<string> scratch, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(localStore);
        ArgumentNullException.ThrowIfNull(scratch);
        if (source is not null)
        {
            return StorePull.IntoScratch(source, selector, scratch(), warn);
        }

        var asFolder = Path.GetFullPath(selector, workingDirectory);
        if (File.Exists(Path.Combine(asFolder, BundleLayout.Manifest)))
        {
            return asFolder;
        }

        using var index = RunIndex.Open(localStore(), warn);
        return RunSelector.Resolve(index, selector, workingDirectory);
    }

    /// <summary>As <see cref="Locate"/>, and the folder must hold a sealed bundle.</summary>
    public static string Resolve(string selector, StoreUri? source, Func<string> localStore, string workingDirectory, Func<string> scratch, Action<string> warn) =>
        BundleFolder.Require(Locate(selector, source, localStore, workingDirectory, scratch, warn));
}
