using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>Real 'dotnet test' builds, out of process, of sample xunit projects that reference the packed package.</summary>
[Collection("packing")]
public sealed class MSBuildTests(MSBuildPackage package) : IClassFixture<MSBuildPackage>
{
    private const string Passing = "[Xunit.Fact] public void Adds() => Xunit.Assert.Equal(4, 2 + 2);";
    private const string Failing = Passing + "\n[Xunit.Fact] public void Subtracts() => Xunit.Assert.Equal(1, 3 - 1);";

    [Fact]
    public void A_passing_project_leaves_a_verified_bundle_with_the_trx_totals()
    {
        using var repo = package.Solution();
        package.Project(repo, "Calc.Tests", Passing);

        var result = MSBuildPackage.Test(repo, "Calc.Tests");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        var check = bundle.Check();
        Assert.Equal("Calc.Tests", (string)check["name"]!);
        Assert.Equal(1, (int)check["tests"]!["passed"]!);
        Assert.Equal(0, (int)check["tests"]!["failed"]!);
        Assert.True(bundle.Has((string)check["tests"]!["reports"]![0]!["path"]!));
        Assert.Equal("Tests.Adds", (string)bundle.Lines("tests.jsonl").Single()["name"]!);
        // At the default verbosity the console still shows the totals, as dotnet test does without the package.
        Assert.Contains("Passed! - Failed: 0, Passed: 1, Skipped: 0, Total: 1 - Calc.Tests", result.Stdout, StringComparison.Ordinal);
        Assert.NotEmpty(bundle.Json("changed_files.json")["files"]!.AsArray());
        // The package runs its native CLI where it has one for this machine, and the bundle says which build ran.
        Assert.Equal(EvidenceCli.Build, (string)bundle.Manifest["tool"]!["build"]!);
        SchemaValidator.AssertValid(bundle.Path);

        // Building is not testing: a build, and a no-op rebuild, do no evidence work.
        var build = Processes.Run("dotnet", ["build", "Calc.Tests"], repo.Path, MSBuildPackage.Quiet, timeoutSeconds: 300);
        Assert.True(build.ExitCode == 0, build.Stdout);
        Assert.DoesNotContain("dotnet-evidence", build.Stdout, StringComparison.Ordinal);
        Assert.Single(BundleOnDisk.All(repo.Combine(".evidence")));
    }

    [Fact]
    public void EvidenceNative_false_runs_the_portable_build_and_the_bundle_says_so()
    {
        using var repo = package.Solution();
        package.Project(repo, "Calc.Tests", Passing, "<EvidenceNative>false</EvidenceNative>");

        var result = MSBuildPackage.Test(repo, "Calc.Tests");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal("portable", (string)bundle.Manifest["tool"]!["build"]!);
    }

    [Fact]
    public void A_failing_project_seals_its_bundle_then_fails_the_build_with_a_canonical_error()
    {
        using var repo = package.Solution();
        package.Project(repo, "Calc.Tests", Failing);

        var result = MSBuildPackage.Test(repo, "Calc.Tests");

        Assert.NotEqual(0, result.ExitCode);
        // Each failing test is a canonical MSBuild error at its file and line, so IDEs and problem matchers point at it.
        Assert.Matches(@"/Calc\.Tests/Tests\.cs\(4\): error EVD0108: Tests\.Subtracts failed: Assert\.Equal\(\) Failure", result.Stdout);
        Assert.Contains("Failed! - Failed: 1, Passed: 1, Skipped: 0, Total: 2 - Calc.Tests", result.Stdout, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("failed", bundle.Outcome);
        var tests = bundle.Check()["tests"]!;
        Assert.Equal(2, (int)tests["total"]!);
        Assert.Equal(1, (int)tests["failed"]!);
        var failing = bundle.Lines("tests.jsonl").Single(t => (string)t["status"]! == "failed");
        Assert.Equal(("Tests.Subtracts", "Calc.Tests/Tests.cs", 4), ((string)failing["name"]!, (string)failing["file"]!, (int)failing["line"]!));
        Assert.Contains("Assert.Equal() Failure", (string)failing["message"]!, StringComparison.Ordinal);
        Assert.Contains("Subtracts", bundle.Text("stdout/Calc.Tests_1.txt"), StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_crashing_test_host_is_a_failed_check_not_a_missing_bundle()
    {
        using var repo = package.Solution();
        package.Project(repo, "Crash.Tests", "[Xunit.Fact] public void Dies() => System.Environment.FailFast(\"test host down\");");

        var result = MSBuildPackage.Test(repo, "Crash.Tests");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error EVD0108: tests in Crash.Tests failed (exit code 1)", result.Stdout, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("failed", bundle.Outcome);
        Assert.Equal("failed", (string)bundle.Check()["status"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_two_project_solution_lands_in_one_bundle_between_begin_and_end()
    {
        using var repo = package.Solution();
        package.Project(repo, "One.Tests", Passing);
        package.Project(repo, "Two.Tests", Passing);
        Assert.Equal(0, Processes.Run("dotnet", ["new", "sln", "-n", "All"], repo.Path, MSBuildPackage.Quiet).ExitCode);
        Assert.Equal(0, Processes.Run("dotnet", ["sln", "All.slnx", "add", "One.Tests/One.Tests.csproj", "Two.Tests/Two.Tests.csproj"], repo.Path, MSBuildPackage.Quiet).ExitCode);
        var run = OpenRunCli.Begin(repo.Path);

        var result = Processes.Run("dotnet", ["test", "All.slnx"], repo.Path, new Dictionary<string, string?>(MSBuildPackage.Quiet) { ["EVIDENCE_RUN_ID"] = run.RunId }, timeoutSeconds: 300);
        var end = run.End();

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal(0, end.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal(run.RunId, (string)bundle.Manifest["run_id"]!);
        Assert.Equal(["One.Tests", "Two.Tests"], bundle.Lines("checks.jsonl").Select(c => (string)c["name"]!).Order(StringComparer.Ordinal));
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void EvidenceRequired_turns_a_missing_bundle_into_an_error_and_EvidenceCheck_items_are_recorded()
    {
        using var repo = package.Solution();
        repo.Write("not-a-folder", "x");
        package.Project(repo, "Soft.Tests", Passing, "<EvidenceStore>$(MSBuildThisFileDirectory)../not-a-folder/store</EvidenceStore>");
        package.Project(repo, "Strict.Tests", Passing, "<EvidenceStore>$(MSBuildThisFileDirectory)../not-a-folder/store</EvidenceStore><EvidenceRequired>true</EvidenceRequired>");
        package.Project(repo, "Extra.Tests", Passing, items: "<EvidenceCheck Include=\"lint\" Command=\"echo linted\" />");

        var soft = MSBuildPackage.Test(repo, "Soft.Tests");
        var strict = MSBuildPackage.Test(repo, "Strict.Tests");
        var extra = MSBuildPackage.Test(repo, "Extra.Tests");

        Assert.True(soft.ExitCode == 0, soft.Stdout);
        Assert.Contains("warning EVD0902: no evidence bundle was sealed for Soft.Tests", soft.Stdout, StringComparison.Ordinal);
        // What went wrong comes from the run's result file, not from its console output.
        Assert.Matches(@"\(set EvidenceRequired to make this an error\): EVD0902: run \S+ could not be sealed \(nothing could be recorded: ", soft.Stdout);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("error EVD0902: no evidence bundle was sealed for Strict.Tests", strict.Stdout, StringComparison.Ordinal);
        Assert.True(extra.ExitCode == 0, extra.Stdout);
        var bundles = BundleOnDisk.All(repo.Combine(".evidence"));
        Assert.Equal(["Extra.Tests", "lint"], bundles.Select(b => (string)b.Check()["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal("linted\n", bundles.Single(b => (string)b.Check()["name"]! == "lint").Text("stdout/lint_1.txt"));
    }

    [Fact]
    public void Under_central_package_management_the_documented_snippet_works_and_an_EvidenceCheck_failure_is_an_error_when_required()
    {
        using var repo = package.Solution();
        repo.Write("Directory.Packages.props", $"""
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageVersion Include="xunit" Version="2.9.3" />
                <PackageVersion Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageVersion Include="Dotlanth.Evidence.MSBuild" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("Calc.Tests/Calc.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><EvidenceRequired>true</EvidenceRequired></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <PackageReference Include="xunit" />
                <PackageReference Include="xunit.runner.visualstudio" />
                <PackageReference Include="Dotlanth.Evidence.MSBuild" PrivateAssets="all" />
                <EvidenceCheck Include="format" Command="echo 'not formatted' >&amp;2; exit 3" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("Calc.Tests/Tests.cs", "public class Tests\n{\n" + Passing + "\n}\n");

        var result = MSBuildPackage.Test(repo, "Calc.Tests");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error EVD0802: EvidenceRequired: the EvidenceCheck format of Calc.Tests did not pass (exit code 3)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["Calc.Tests", "format"], BundleOnDisk.All(repo.Combine(".evidence")).Select(b => (string)b.Check()["name"]!).Order(StringComparer.Ordinal));
    }
}
