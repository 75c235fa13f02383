using System.CommandLine;
using Dotlanth.Evidence.Config;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence init</c>: a starter evidence.yml for this repository.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", """
            Write a commented starter evidence.yml with checks detected from the project
            (a .NET solution, here or in a subfolder: dotnet test; pyproject.toml or pytest.ini: pytest -q;
            package.json: npm test), and add the .evidence store folder to the repository root's .gitignore
            unless git already ignores it. An existing evidence.yml is never overwritten.

            Example:
              dotnet evidence init && dotnet evidence run
            """);
        command.SetAction(_ =>
        {
            var result = StarterConfig.Write(Environment.CurrentDirectory);
            var name = Path.GetFileName(result.ConfigPath);
            Console.Error.WriteLine(result.Created
                ? $"dotnet-evidence: wrote {name} with {(result.DetectedChecks.Count == 0 ? "an example check" : string.Join(", ", result.DetectedChecks))}"
                : $"dotnet-evidence: {name} already exists; left as it is");
            if (result.GitignoreUpdated is { } gitignore)
            {
                Console.Error.WriteLine($"dotnet-evidence: added .evidence/ to {Path.GetRelativePath(Environment.CurrentDirectory, gitignore)}");
            }

            return 0;
        });
        return command;
    }
}
