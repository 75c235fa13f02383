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
        // A frame in a file named exactly like the test's class or file beats one whose name is only part of it
        // (ParserTest.kt over Parser.kt for com.example.ParserTest), which beats the first frame of the user's code.
        var best = frames[0];
        var bestScore = 0;
        foreach (var frame in frames)
        {
            var score = Score(Path.GetFileNameWithoutExtension(frame.File.Replace('\\', '/')), hints);
            if (score > bestScore)
            {
                (best, bestScore) = (frame, score);
            }
        }

        return (best.File, best.Line);
    }

    private static int Score(string stem, string?[] hints)
    {
        if (stem.Length == 0)
        {
            return 0;
        }

        var score = 0;
        foreach (var hint in hints)
        {
            if (string.IsNullOrEmpty(hint))
            {
                continue;
            }

            // The last two words of "com.example.ParserTest", "tests/test_calc.py", "sum.test.js": a class or a file's stem.
            var words = hint.Split(['/', '\\', '.', ':', ' ', '>'], StringSplitOptions.RemoveEmptyEntries);
            if (words.TakeLast(2).Any(w => string.Equals(w, stem, StringComparison.OrdinalIgnoreCase)) || string.Equals(Path.GetFileNameWithoutExtension(hint), stem, StringComparison.OrdinalIgnoreCase))
            {
                return 2;
            }

            if (hint.Contains(stem, StringComparison.OrdinalIgnoreCase))
            {
                score = 1;
            }
        }

        return score;
    }

    private static bool IsLibrary(string file)
    {
        var normalized = file.Replace('\\', '/');
        return LibraryMarkers.Any(m => normalized.Contains(m, StringComparison.Ordinal));
    }
}
