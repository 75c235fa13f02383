namespace Dotlanth.Evidence.Tests.Support;

/// <summary>The CLI packed as a (portable) .NET tool into a temp folder, for the Action's install step.</summary>
public sealed class ToolFeed : IDisposable
{
    public ToolFeed()
    {
        Version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Folder = Directory.CreateTempSubdirectory("evidence-tool-feed-").FullName;
        var project = Path.Combine(SchemaValidator.RepoRoot, "src", "Dotlanth.Evidence.Cli", "Dotlanth.Evidence.Cli.csproj");
        var pack = Processes.Run("dotnet", ["pack", project, "-c", "Release", "-o", Folder, $"-p:Version={Version}", "-nodeReuse:false"], SchemaValidator.RepoRoot, MSBuildPackage.Quiet, timeoutSeconds: 600);
        Assert.True(pack.ExitCode == 0, $"pack failed:\n{pack.Stdout}\n{pack.Stderr}");
    }

    public string Version { get; }

    public string Folder { get; }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        var cache = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "dotlanth.evidence.cli", Version);
        if (Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
