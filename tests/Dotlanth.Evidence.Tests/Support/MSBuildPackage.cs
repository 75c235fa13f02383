namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// Dotlanth.Evidence.MSBuild packed once per test run into a temp folder, with a version of its own so the NuGet
/// cache never serves an older build; sample projects reference it through a nuget.config.
/// </summary>
public sealed class MSBuildPackage : IDisposable
{
    public MSBuildPackage()
    {
        Version = LocalPack.NewVersion();
        Feed = Directory.CreateTempSubdirectory("evidence-feed-").FullName;
        // With the native CLI the end-to-end tier drives (published by build/test.sh into artifacts/native/RID/), the
        // package runs it as a user's would; without, the package has the portable build only.
        LocalPack.Pack("Dotlanth.Evidence.MSBuild", Version, Feed, EvidenceCli.NativeFolder is { } native ? [$"EvidenceNativeDir={native}"] : []);
    }

    /// <summary>No MSBuild server or node outlives a test build.</summary>
    public static Dictionary<string, string?> Quiet { get; } = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public string Version { get; }

    public string Feed { get; }

    /// <summary>A git repository holding a nuget.config that adds the feed to the machine's sources.</summary>
    public TempFolder Solution()
    {
        var repo = TempRepo.Create();
        repo.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="evidence-test-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return repo;
    }

    /// <summary>An xunit test project referencing the package; <paramref name="tests"/> is the body of a test class.</summary>
    public void Project(TempFolder repo, string name, string tests, string properties = "", string items = "")
    {
        ArgumentNullException.ThrowIfNull(repo);
        repo.Write($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <IsPackable>false</IsPackable>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageReference Include="Dotlanth.Evidence.MSBuild" Version="{Version}" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>
            """);
        repo.Write($"{name}/Tests.cs", "public class Tests\n{\n" + tests + "\n}\n");
    }

    public static ProcessResult Test(TempFolder repo, params string[] args) =>
        Processes.Run("dotnet", ["test", .. args], repo!.Path, Quiet, timeoutSeconds: 300);

    public void Dispose() => LocalPack.Forget(Feed, "Dotlanth.Evidence.MSBuild", Version);
}
