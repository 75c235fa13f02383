using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.GitHub;

/// <summary>
/// A file and line named by a tool's failure output, so an annotation can point at it: MSBuild/dotnet
/// (<c>path(12,5): error</c>), TypeScript (<c>path(12,5): error TS2322</c> or <c>path:12:5 - error</c>), pytest
/// (<c>path:12: AssertionError</c>, <c>File "path", line 12</c>) and .NET stack traces (<c>in path:line 12</c>).
/// </summary>
public static partial class OutputLocation
{
    public static (string File, int Line)? Find(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            foreach (var pattern in Patterns)
            {
                var match = pattern.Match(line);
                if (match.Success && int.TryParse(match.Groups["line"].Value, out var number) && number > 0)
                {
                    return (match.Groups["file"].Value.Trim(), number);
                }
            }
        }

        return null;
    }

    private static readonly Regex[] Patterns = [MsBuild(), ColonDash(), PythonFrame(), StackTrace(), ColonLine()];

    [GeneratedRegex(@"^\s*(?<file>[^\s:(][^:(]*\.\w+)\((?<line>\d+)(,\d+)?\)\s*:\s*(error|warning)", RegexOptions.CultureInvariant)]
    private static partial Regex MsBuild();

    [GeneratedRegex(@"^\s*(?<file>[^\s:]+\.\w+):(?<line>\d+):\d+\s+-\s+error", RegexOptions.CultureInvariant)]
    private static partial Regex ColonDash();

    [GeneratedRegex(@"File ""(?<file>[^""]+)"", line (?<line>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PythonFrame();

    [GeneratedRegex(@"\sin (?<file>\S+\.\w+):line (?<line>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex StackTrace();

    [GeneratedRegex(@"^(?<file>[\w./\\-]+\.\w+):(?<line>\d+):\s", RegexOptions.CultureInvariant)]
    private static partial Regex ColonLine();
}
