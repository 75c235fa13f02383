using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.TestReports;

/// <summary>
/// Where a failure happened, read from its stack or body when the report has no file and line: .NET
/// (<c>in /src/CalcTests.cs:line 12</c>), Java and Kotlin (<c>(CalcTest.java:23)</c>), and the <c>path:line</c> form of
/// Python, Node, Go, Ruby, PHP and Rust. Frames in installed libraries are passed over; a frame whose file is named
/// like the test's class or suite is preferred, else the first frame of the test's own code.
/// </summary>
public static partial class FailureLocation
{
    private const string SourceExtensions = "py|js|mjs|cjs|jsx|ts|mts|cts|tsx|go|rb|php|rs|cs|fs|vb|c|cc|cpp|cxx|h|hpp|swift|ex|exs|dart|lua|kt|kts|java|scala|groovy";

    [GeneratedRegex(@" in (?<file>[^\r\n]+?):line (?<line>\d+)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DotNetFrame();

    [GeneratedRegex(@"\((?<file>[\w$.-]+\.(?:java|kt|kts|groovy|scala)):(?<line>\d+)\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex JvmFrame();

    [GeneratedRegex(@"(?<file>(?:[A-Za-z]:)?[\w./\\@~+-]*?[\w@+-]+\.(?:" + SourceExtensions + @")):(?<line>\d+)(?![\d.])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PathLine();

    private static readonly string[] LibraryMarkers =
        ["node_modules", "site-packages", "dist-packages", "/usr/lib/", "/usr/local/lib/", "/usr/share/", "/rustc/", "/.cargo/registry/", "/usr/local/go/src/", "/go/pkg/mod/", "/vendor/", "<frozen ", "node:", "(internal/"];

    /// <summary>The best frame of <paramref name="details"/>, or null when none names a source line of the test's own code.</summary>
    public static (string File, int Line)? Find(string? details, params string?[] hints)
    {
        if (string.IsNullOrEmpty(details))
        {
            return null;
        }

        var frames = new List<(string File, int Line, int Index)>();
        foreach (var regex in new[] { DotNetFrame(), JvmFrame(), PathLine() })
        {
            try
            {
                foreach (Match match in regex.Matches(details))
                {
                    var file = match.Groups["file"].Value.Trim();
                    if (int.TryParse(match.Groups["line"].ValueSpan, out var line) && line > 0 && !IsLibrary(file))
                    {
                        frames.Add((file, line, match.Index));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological stack: what was found so far stands.
            }

            if (frames.Count > 0)
            {
                break;
            }
        }

        if (frames.Count == 0)
        {
            return null;
        }

        frames.Sort((a, b) => a.Index.CompareTo(b.Index));
        var stems = hints.Where(h => !string.IsNullOrEmpty(h)).Select(h => h!).ToList();
        foreach (var frame in frames)
        {
            var stem = Path.GetFileNameWithoutExtension(frame.File.Replace('\\', '/'));
            if (stem.Length > 0 && stems.Any(h => h.Contains(stem, StringComparison.OrdinalIgnoreCase)))
            {
                return (frame.File, frame.Line);
            }
        }

        return (frames[0].File, frames[0].Line);
    }

    private static bool IsLibrary(string file)
    {
        var normalized = file.Replace('\\', '/');
        return LibraryMarkers.Any(m => normalized.Contains(m, StringComparison.Ordinal));
    }
}
