using System.Text;
using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Values;

/// <summary>Artifact paths: <c>*</c> and <c>?</c> within a folder name, <c>**</c> across folders, <c>/</c> as separator.</summary>
public static class Glob
{
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny("*?") >= 0;

    /// <summary>The folder part before the first wildcard: where enumeration can start.</summary>
    public static string FixedPrefix(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var segments = pattern.Split('/');
        var fixedSegments = segments.TakeWhile(s => !HasWildcards(s)).ToList();
        if (fixedSegments.Count == segments.Length)
        {
            fixedSegments.RemoveAt(fixedSegments.Count - 1);
        }

        return string.Join('/', fixedSegments);
    }

    /// <summary>The files <paramref name="pattern"/> names, relative to <paramref name="baseDir"/> (or absolute), in ordinal order.</summary>
    public static IEnumerable<string> Files(string baseDir, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var normalized = pattern.Replace('\\', '/');
        if (!HasWildcards(normalized))
        {
            var single = Path.GetFullPath(normalized, baseDir);
            return File.Exists(single) ? [single] : [];
        }

        var root = Path.GetFullPath(FixedPrefix(normalized), baseDir);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var regex = ToRegex(normalized);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(f => regex.IsMatch((Path.IsPathRooted(normalized) ? f : Path.GetRelativePath(baseDir, f)).Replace('\\', '/')))
            .Order(StringComparer.Ordinal);
    }

    public static Regex ToRegex(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(pattern[i].ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
