
namespace Dotlanth.Evidence.Facts;

/// <summary>
/// The default check name of a command, saying what ran: <c>python -m pytest</c> → <c>pytest</c>, <c>dotnet test</c> →
/// <c>dotnet-test</c>, <c>npm run lint</c> → <c>npm-lint</c>, <c>go test ./...</c> → <c>go-test</c>; a shell's
/// <c>-c</c> script is named after its first command; anything else after the program's file name.
/// </summary>
public static partial class CommandNames
{
    /// <summary>Tools whose first word after options is the thing they do (dotnet test, go vet, cargo clippy).</summary>
    private static readonly HashSet<string> SubcommandTools = new(StringComparer.Ordinal)
    {
        "dotnet", "go", "cargo", "npm", "yarn", "pnpm", "bun", "deno", "mvn", "mvnw", "gradle", "gradlew", "make", "just",
        "tox", "nox", "mix", "swift", "flutter", "dart", "rake", "nx", "turbo",
    };

    /// <summary>Package-manager words that run a named script: npm run lint is the lint script.</summary>
    private static readonly HashSet<string> ScriptRunners = new(StringComparer.Ordinal) { "run", "run-script" };

    /// <summary>Wrappers that run the command after them: env FOO=1, time, nice, uv run, poetry run, npx, bundle exec.</summary>
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "env", "time", "nice", "nohup", "npx", "bunx", "pnpx", "xvfb-run" };

    private static readonly HashSet<string> RunWrappers = new(StringComparer.Ordinal) { "uv", "poetry", "pipenv", "pdm", "hatch", "rye", "conda" };

    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "zsh", "dash", "ksh", "fish" };

    public static string Of(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        return Clean(Words(argv, depth: 0)) is { Length: > 0 } name ? name : "check";
    }

    private static string Words(IReadOnlyList<string> argv, int depth)
    {
        var at = 0;
        while (at < argv.Count)
        {
            var tool = Program(argv[at]);
            if (Wrappers.Contains(tool))
            {
                at = SkipOptions(argv, at + 1, assignments: tool == "env");
            }
            else if ((RunWrappers.Contains(tool) && Next(argv, at + 1) is { } run && argv[run] == "run")
                || (tool == "bundle" && Next(argv, at + 1) is { } exec && argv[exec] == "exec"))
            {
                at = SkipOptions(argv, Next(argv, at + 1)!.Value + 1, assignments: false);
            }
            else
            {
                break;
            }
        }

        if (at >= argv.Count)
        {
            return argv.Count > 0 ? Program(argv[0]) : string.Empty;
        }

        var program = Program(argv[at]);
        if (Shells.Contains(program) && depth == 0 && ScriptOf(argv, at + 1) is { } script)
        {
            var first = FirstCommand(script);
            return first.Count > 0 ? Words(first, depth + 1) : program;
        }

        if (IsPython(program) && at + 2 < argv.Count && argv[at + 1] == "-m")
        {
            return argv[at + 2];
        }

        if (SubcommandTools.Contains(program) && Next(argv, at + 1) is { } sub)
        {
            var what = argv[sub];
            if (ScriptRunners.Contains(what) && program is "npm" or "yarn" or "pnpm" or "bun" or "deno" && Next(argv, sub + 1) is { } scriptName)
            {
                what = argv[scriptName];
            }

            return $"{program}-{what}";
        }

        return program;
    }

    /// <summary>The file name of a program path, without a Windows .exe/.cmd ending.</summary>
    private static string Program(string word)
    {
        var name = Path.GetFileName(word.TrimEnd('/', '\\'));
        foreach (var ending in (string[])[".exe", ".cmd", ".bat"])
        {
            if (name.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^ending.Length];
            }
        }

        return name;
    }

    private static bool IsPython(string program) =>
        program is "python" or "python3" or "py" || (program.StartsWith("python3.", StringComparison.Ordinal) && program[8..].All(char.IsAsciiDigit));

    /// <summary>The first argument at or after <paramref name="from"/> that is not an option.</summary>
    private static int? Next(IReadOnlyList<string> argv, int from)
    {
        for (var i = from; i < argv.Count; i++)
        {
            if (!argv[i].StartsWith('-'))
            {
                return i;
            }
        }

        return null;
    }

    private static int SkipOptions(IReadOnlyList<string> argv, int from, bool assignments)
    {
        var i = from;
        while (i < argv.Count && (argv[i].StartsWith('-') || (assignments && argv[i].Contains('=', StringComparison.Ordinal))))
        {
            i++;
        }

        return i;
    }

    /// <summary>The script of <c>sh -c SCRIPT</c> (also <c>-lc</c>, <c>-ec</c>, <c>-eu -c</c>); null without one.</summary>
    private static string? ScriptOf(IReadOnlyList<string> argv, int from)
    {
        for (var i = from; i < argv.Count - 1; i++)
        {
            if (!argv[i].StartsWith('-'))
            {
                return null;
            }

            if (argv[i] != "--" && argv[i].AsSpan(1).Contains('c'))
            {
                return argv[i + 1];
            }
        }

        return null;
    }

    /// <summary>
    /// The words of a script's first command that does the work: commands are split at operators, leading variable
    /// assignments and <c>exec</c> dropped, and setup commands (set, cd, export, source) passed over.
    /// </summary>
    private static List<string> FirstCommand(string script)
    {
        foreach (var command in Operators().Split(script))
        {
            var words = command.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim('\'', '"', '(', ')', '{', '}'))
                .Where(w => w.Length > 0)
                .SkipWhile(w => w.Contains('=', StringComparison.Ordinal) || w == "exec")
                .ToList();
            if (words.Count > 0 && words[0] is not ("set" or "cd" or "export" or "source" or "." or "unset" or "shopt" or "trap"))
            {
                return words;
            }
        }

        return [];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"&&|\|\||[;|&\n]", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Operators();

    /// <summary>Letters, digits, dot, dash and underscore, starting with a letter or digit, at most 64 long.</summary>
    private static string Clean(string name)
    {
        var cleaned = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.', '-', '_');
        return cleaned.Length > 64 ? cleaned[..64].TrimEnd('.', '-', '_') : cleaned;
    }
}
