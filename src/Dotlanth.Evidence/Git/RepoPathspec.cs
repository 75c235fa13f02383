using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Git;

/// <summary>
/// The pathspec every repository question is asked with: the whole work tree less the evidence store, however the
/// store is (or is not) ignored, so the tool's own output never counts as a change.
/// </summary>
public static class RepoPathspec
{
    /// <summary>
    /// <c>:/</c> plus a literal exclusion of the store; when the store is the work tree itself (<c>--out .</c>), of each
    /// entry the tool keeps there. A store outside the work tree needs no exclusion.
    /// </summary>
    public static string[] WithoutStore(string root, string storeRoot)
    {
        // Both sides resolved, so a store reached through a symlink (or a work tree that is one) still matches.
        var top = RealPaths.Of(root);
        var store = RealPaths.Of(storeRoot);
        if (!RealPaths.Inside(store, top))
        {
            return [":/"];
        }

        var relative = Path.GetRelativePath(top, store);
        IEnumerable<string> excluded = relative == "." ? BundleLayout.StoreEntries : [relative];
        return [":/", .. excluded.Select(e => $":(top,literal,exclude){e.Replace('\\', '/')}")];
    }
}
