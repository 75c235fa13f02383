using System.Text;

namespace Dotlanth.Evidence.Config;

/// <summary>
/// <c>dotnet evidence init</c>: a commented starter evidence.yml with checks detected from the repository, and the
/// store folder added to .gitignore. An existing evidence.yml is never overwritten.
/// </summary>
public static class StarterConfig
{
    public const string SchemaUrl = "https://dotlanth.dev/schemas/evidence/v1/evidence-config.schema.json";

    public sealed record Result(bool Created, string ConfigPath, IReadOnlyList<string> DetectedChecks, bool GitignoreUpdated);

    public static Result Write(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, ConfigLoader.FileName);
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

        return new Result(created, path, [.. checks.Select(c => c.Name)], AddToGitignore(directory));
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

    private static bool AddToGitignore(string directory)
    {
        var gitignore = Path.Combine(directory, ".gitignore");
        var lines = File.Exists(gitignore) ? File.ReadAllLines(gitignore) : [];
        if (lines.Any(l => l.Trim() is ".evidence" or ".evidence/" or "/.evidence" or "/.evidence/"))
        {
            return false;
        }

        var prefix = lines.Length > 0 && !File.ReadAllText(gitignore).EndsWith('\n') ? "\n" : string.Empty;
        File.AppendAllText(gitignore, prefix + "# dotnet evidence store\n.evidence/\n");
        return true;
    }
}
