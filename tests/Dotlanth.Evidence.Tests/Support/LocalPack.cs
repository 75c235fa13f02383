namespace Dotlanth.Evidence.Tests.Support;

/// <summary>Packs a project of this repository with a version of its own, and forgets it from the NuGet cache afterwards.</summary>
public static class LocalPack
{
    public static string NewVersion() => $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";

    public static void Pack(string project, string version, string folder, params string[] properties)
    {
        var path = Path.Combine(SchemaValidator.RepoRoot, "src", project, project + ".csproj");
        var pack = Processes.Run("dotnet", ["pack", path, "-c", "Release", "-o", folder, $"-p:Version={version}", "-nodeReuse:false", .. properties.Select(p => "-p:" + p)], SchemaValidator.RepoRoot, MSBuildPackage.Quiet, timeoutSeconds: 600);
        Assert.True(pack.ExitCode == 0, $"pack of {project} failed:\n{pack.Stdout}\n{pack.Stderr}");
    }

    public static void Forget(string folder, string packageId, string version)
    {
        Directory.Delete(folder, recursive: true);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Path.Combine(packages, packageId.ToLowerInvariant(), version);
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
    }
}
