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
