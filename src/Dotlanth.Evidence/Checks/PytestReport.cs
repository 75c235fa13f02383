namespace Dotlanth.Evidence.Checks;

/// <summary>
/// Recognises a pytest run (<c>pytest</c>, <c>python -m pytest</c>, <c>uv run pytest</c>, a shell line starting with
/// one of them) and where its JUnit report goes. The report is asked for through <c>PYTEST_ADDOPTS</c>, which pytest
/// reads before the command line, so the user's argv stays exactly as typed; a report the user asks for
/// (<c>--junitxml</c>) is read instead of adding a second.
/// </summary>
internal static class PytestReport
{
    public const string AddOptsVariable = "PYTEST_ADDOPTS";

    private static readonly string[] Runners = ["uv", "poetry", "pipenv", "pdm", "rye", "hatch"];

    public static bool Applies(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var words = argv.Count >= 3 && Path.GetFileName(argv[0]) is "sh" or "bash" or "dash" or "zsh" && argv[1] == "-c"
            ? argv[2].Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)
            : [.. argv];
        var i = 0;
        while (i < words.Length && words[i].Contains('=', StringComparison.Ordinal) && !words[i].StartsWith('-'))
        {
            i++; // VAR=value before the command in a shell line
        }

        if (i < words.Length && Runners.Contains(Path.GetFileName(words[i])) && i + 1 < words.Length && words[i + 1] is "run" or "exec")
        {
            i += 2;
        }

        if (i >= words.Length)
        {
            return false;
        }

        var program = Path.GetFileName(words[i]);
        return program is "pytest" or "py.test"
            || (program.StartsWith("python", StringComparison.Ordinal) && words.Skip(i + 1).Take(2).SequenceEqual(["-m", "pytest"]));
    }

    /// <summary>The report the user already asks for, on the command line or in PYTEST_ADDOPTS; null when none.</summary>
    public static string? RequestedReport(IReadOnlyList<string> argv, string? addOpts)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var words = argv.Append(addOpts ?? "").SelectMany(a => a.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        string? found = null;
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var flag in new[] { "--junitxml", "--junit-xml" })
            {
                if (words[i].StartsWith(flag + "=", StringComparison.Ordinal))
                {
                    found = words[i][(flag.Length + 1)..].Trim('\'', '"');
                }
                else if (words[i] == flag && i + 1 < words.Count)
                {
                    found = words[i + 1].Trim('\'', '"');
                }
            }
        }

        return found;
    }

    /// <summary>PYTEST_ADDOPTS with the report option appended to what the user set.</summary>
    public static string AddOpts(string? existing, string reportPath) =>
        (string.IsNullOrWhiteSpace(existing) ? "" : existing.TrimEnd() + " ") + "--junitxml='" + reportPath.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}
