using System.Text;
using Dotlanth.Evidence.Git;

namespace Dotlanth.Evidence.Config;

/// <summary>
/// <c>dotnet evidence init</c>: a commented starter evidence.yml with checks detected from the repository, and the
/// store folder added to the repository root's .gitignore (where the store is) unless git already ignores it. An
/// existing evidence.yml is never overwritten.
/// </summary>
public static class StarterConfig
{
    public const string SchemaUrl = "https://dotlanth.dev/schemas/evidence/v1/evidence-config.schema.json";

    public sealed record Result(bool Created, string ConfigPath, IReadOnlyList<string> DetectedChecks, string? GitignoreUpdated);

    /// <summary>How deep below the repository root a solution is looked for (src/App.sln, backend/src/App.sln).</summary>
    private const int SolutionDepth = 2;

    private static readonly HashSet<string> NotSearched = new(StringComparer.Ordinal) { "node_modules", "bin", "obj", "packages", "artifacts", "vendor" };

    public static Result Write(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, ConfigLoader.FileName);
        var root = RepoLocation.Find(directory).Root is { } top ? Path.GetFullPath(top) : Path.GetFullPath(directory);
        var checks = Detect(directory);
        var created = false;
        if (!File.Exists(path) && !File.Exists(Path.Combine(directory, "evidence.yaml")))
        {
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(Encoding.UTF8.GetBytes(Text(checks)));
                created = true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created by someone else meanwhile: still never overwritten.
            }
        }

        return new Result(created, path, [.. checks.Select(c => c.Name)], AddToGitignore(root));
    }

    /// <summary>The checks a project of this kind usually runs: (name, argv).</summary>
    public static IReadOnlyList<(string Name, string[] Argv)> Detect(string directory)
    {
        var checks = new List<(string, string[])>();
        if (Directory.EnumerateFiles(directory, "*.sln").Any() || Directory.EnumerateFiles(directory, "*.slnx").Any()
            || Directory.EnumerateFiles(directory, "*.csproj").Any())
        {
            checks.Add(("dotnet-test", ["dotnet", "test"]));
        }
        else if (SolutionBelow(directory) is { } solution)
        {
            // dotnet test in a folder without a project or solution fails; name the one in a subfolder.
            checks.Add(("dotnet-test", ["dotnet", "test", solution]));
        }

        if (File.Exists(Path.Combine(directory, "pyproject.toml")) || File.Exists(Path.Combine(directory, "pytest.ini")))
        {
            checks.Add(("pytest", ["pytest", "-q"]));
        }

        if (File.Exists(Path.Combine(directory, "package.json")))
        {
            checks.Add(("npm-test", ["npm", "test"]));
        }

        return checks;
    }

    private static string Text(IReadOnlyList<(string Name, string[] Argv)> checks)
    {
        var text = new StringBuilder()
            .Append("# yaml-language-server: $schema=").Append(SchemaUrl).Append('\n')
            .Append("# dotnet evidence: what 'dotnet evidence run' runs, and the limits it is held to.\n")
            .Append("version: 1\n\n")
            .Append("# spec:                    # what these checks verify, recorded in every bundle\n")
            .Append("#   id: my-service\n#   version: \"1.0\"\n\n")
            .Append("# capture:\n#   max_output: 64KiB       # bytes kept per stream (head and tail)\n")
            .Append("# budgets:\n#   max_minutes: 30         # the whole run; past it the run stops as blocked\n")
            .Append("# redaction:\n#   patterns: ['ACME-[0-9]{12}']\n\n")
            .Append("checks:\n");
        if (checks.Count == 0)
        {
            text.Append("  - name: build\n    run: [make]           # exact argv; or run: \"cmd && cmd\" with shell: true\n");
        }

        foreach (var (name, argv) in checks)
        {
            text.Append("  - name: ").Append(name).Append('\n')
                .Append("    run: [").Append(string.Join(", ", argv)).Append("]\n")
                .Append("    # required: true        # the outcome depends on it\n")
                .Append("    # timeout: 20m\n")
                .Append("    # accepted_exit_codes: [0]\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The shallowest solution below <paramref name="directory"/> ('/'-separated, relative), else the one project when
    /// there is exactly one; null when there is neither.
    /// </summary>
    private static string? SolutionBelow(string directory)
    {
        var solutions = new List<string>();
        var projects = new List<string>();
        var level = new List<string> { directory };
        for (var depth = 1; depth <= SolutionDepth && solutions.Count == 0; depth++)
        {
            level = [.. level.SelectMany(Subfolders)];
            foreach (var folder in level)
            {
                solutions.AddRange(Directory.EnumerateFiles(folder, "*.sln").Concat(Directory.EnumerateFiles(folder, "*.slnx")));
                projects.AddRange(Directory.EnumerateFiles(folder, "*.csproj"));
            }
        }

        var chosen = solutions.Count > 0 ? solutions.Order(StringComparer.Ordinal).First() : projects.Count == 1 ? projects[0] : null;
        return chosen is null ? null : Path.GetRelativePath(directory, chosen).Replace('\\', '/');
    }

    private static IEnumerable<string> Subfolders(string folder)
    {
        try
        {
            return [.. Directory.EnumerateDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.') && !NotSearched.Contains(Path.GetFileName(d)))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Adds <c>.evidence/</c> to the .gitignore of <paramref name="root"/> (the repository root, where the store is)
    /// unless git already ignores it there, by any rule of any ignore file. Returns the file changed, or null.
    /// </summary>
    private static string? AddToGitignore(string root)
    {
        var gitignore = Path.Combine(root, ".gitignore");
        var check = new GitCli(root).Run("check-ignore", "-q", "--no-index", ".evidence/");
        var lines = File.Exists(gitignore) ? File.ReadAllLines(gitignore) : [];
        if (check.Ok || lines.Any(l => l.Trim() is ".evidence" or ".evidence/" or "/.evidence" or "/.evidence/"))
        {
            return null;
        }

        var prefix = lines.Length > 0 && !File.ReadAllText(gitignore).EndsWith('\n') ? "\n" : string.Empty;
        File.AppendAllText(gitignore, prefix + "# dotnet evidence store\n.evidence/\n");
        return gitignore;
    }
}
