namespace Dotlanth.Evidence.Values;

/// <summary>Paths with every symbolic link along them resolved, so two spellings of one folder compare equal.</summary>
public static class RealPaths
{
    /// <summary>The full path with each existing component's links resolved; components that do not exist yet are kept as written.</summary>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var resolved = Path.GetPathRoot(full)!;
        foreach (var part in full[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            var info = new FileInfo(next);
            resolved = info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next : next;
        }

        return resolved;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="boundary"/> or lies below it (both full paths).</summary>
    public static bool Inside(string path, string boundary)
    {
        var relative = Path.GetRelativePath(boundary, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
