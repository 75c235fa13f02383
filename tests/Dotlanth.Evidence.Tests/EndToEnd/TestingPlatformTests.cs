using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>'dotnet test' in Microsoft.Testing.Platform mode (.NET 10, global.json test runner), real MSTest projects.</summary>
[Collection("packing")]
public sealed class TestingPlatformTests(MSBuildPackage package) : IClassFixture<MSBuildPackage>
{
    private const string Tests = """
        using Microsoft.VisualStudio.TestTools.UnitTesting;

        [TestClass]
        public class CalcTests
        {
            [TestMethod] public void Adds() => Assert.AreEqual(4, int.Parse("2") + 2);
            [TestMethod] public void Subtracts() => Assert.AreEqual(1, int.Parse("3") - 1);
        }
        """;

    [Fact]
    public void A_testing_platform_run_leaves_a_bundle_with_every_test_and_without_the_trx_extension_says_the_report_is_missing()
    {
        using var repo = package.Solution();
        repo.Write("global.json", """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        // The MSTest meta package brings the TRX extension; the framework and adapter alone do not.
        Project(repo, "Calc.Tests", """<PackageReference Include="MSTest" Version="4.5.2" />""");
        Project(repo, "Bare.Tests", """<PackageReference Include="MSTest.TestFramework" Version="4.5.3" /><PackageReference Include="MSTest.TestAdapter" Version="4.5.3" />""");

        var withTrx = Processes.Run("dotnet", ["test", "--project", "Calc.Tests"], repo.Path, MSBuildPackage.Quiet, timeoutSeconds: 300);
        var bare = Processes.Run("dotnet", ["test", "--project", "Bare.Tests"], repo.Path, MSBuildPackage.Quiet, timeoutSeconds: 300);

        // dotnet test reports the failing test itself, as without the package.
        Assert.NotEqual(0, withTrx.ExitCode);
        Assert.Contains("Subtracts", withTrx.Stdout + withTrx.Stderr, StringComparison.Ordinal);
        var bundles = BundleOnDisk.All(repo.Combine(".evidence"));
        var calc = bundles.Single(b => (string)b.Check()["name"]! == "Calc.Tests");
        Assert.Equal("failed", calc.Outcome);
        var failing = calc.Lines("tests.jsonl").Single(t => (string)t["status"]! == "failed");
        Assert.Equal(("Subtracts", "CalcTests", "Calc.Tests/Tests.cs", 7), ((string)failing["name"]!, (string)failing["class"]!, (string)failing["file"]!, (int)failing["line"]!));
        Assert.Equal(2, (int)calc.Check()["tests"]!["total"]!);
        SchemaValidator.AssertValid(calc.Path);

        Assert.NotEqual(0, bare.ExitCode);
        var bareBundle = bundles.Single(b => (string)b.Check()["name"]! == "Bare.Tests");
        Assert.Equal("failed", bareBundle.Outcome);
        Assert.Null((int?)bareBundle.Check()["tests"]!["total"]);
        Assert.Contains(bareBundle.Missing, m => m.Code == "EVD0107");
    }

    private void Project(TempFolder repo, string name, string items)
    {
        repo.Write($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <EnableMSTestRunner>true</EnableMSTestRunner>
                <IsTestProject>true</IsTestProject>
                <NoWarn>$(NoWarn);MSTEST0032;MSTEST0025</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Dotlanth.Evidence.MSBuild" Version="{package.Version}" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>
            """);
        repo.Write($"{name}/Tests.cs", Tests);
    }
}
