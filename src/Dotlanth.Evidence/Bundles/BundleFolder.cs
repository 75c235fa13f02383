using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// A bundle is plain files in plain folders. A link or special file inside one (planted after sealing) would make a
/// reader copy, show or upload whatever it points at, so every command that reads a bundle refuses it whole, and
/// verify reports each such entry.
/// </summary>
public static class BundleFolder
{
    /// <summary>Entries that are not plain files or folders, as '/'-separated relative paths, found without following any link.</summary>
    public static IReadOnlyList<(string Path, FileKind Kind)> Irregular(string bundlePath)
    {
        ArgumentNullException.ThrowIfNull(bundlePath);
        var found = new List<(string, FileKind)>();
        var top = FileKinds.Of(bundlePath.TrimEnd(Path.DirectorySeparatorChar));
        if (top != FileKind.Directory)
        {
            found.Add((".", top));
            return found;
        }

        var pending = new Stack<string>();
        pending.Push(bundlePath);
        while (pending.Count > 0)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(pending.Pop()))
            {
                switch (FileKinds.Of(entry))
                {
                    case FileKind.Directory:
                        pending.Push(entry);
                        break;
                    case FileKind.Regular or FileKind.Missing:
                        break;
                    case var kind:
                        found.Add((Path.GetRelativePath(bundlePath, entry).Replace('\\', '/'), kind));
                        break;
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return found;
    }

    /// <summary>The bundle's full path when everything in it is a plain file or folder; otherwise an error naming the first intruder.</summary>
    public static string Require(string bundlePath)
    {
        var irregular = Irregular(bundlePath);
        if (irregular.Count == 0)
        {
            return Path.GetFullPath(bundlePath);
        }

        var (path, kind) = irregular[0];
        throw new EvidenceException(new EvidenceError(
            Codes.BundleInvalid,
            path == "."
                ? $"{bundlePath} is {FileKinds.Describe(kind)}, not a bundle folder"
                : $"{bundlePath} holds {path}, which is {FileKinds.Describe(kind)}{(irregular.Count > 1 ? $" (and {irregular.Count - 1} more)" : string.Empty)}; a bundle holds plain files only, so it was not read",
            "the bundle was changed after sealing; 'dotnet evidence verify' lists every problem"));
    }
}
