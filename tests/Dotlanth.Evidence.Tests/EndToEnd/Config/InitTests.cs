using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Config;

public sealed class InitTests
{
    [Theory]
    [InlineData("App.sln", "dotnet-test", "dotnet, test")]
    [InlineData("pyproject.toml", "pytest", "pytest, -q")]
    [InlineData("pytest.ini", "pytest", "pytest, -q")]
    [InlineData("package.json", "npm-test", "npm, test")]
    public void Init_detects_the_project_and_writes_a_config_that_loads_and_validates(string marker, string check, string argv)
    {
        using var repo = TempRepo.Create();
        repo.Write(marker, "{}\n");

        var result = EvidenceCli.Run(repo.Path, "init");

        Assert.Equal(0, result.ExitCode);
        var text = File.ReadAllText(repo.Combine("evidence.yml"));
        Assert.StartsWith("# yaml-language-server: $schema=", text, StringComparison.Ordinal);
        Assert.Contains($"run: [{argv}]", text, StringComparison.Ordinal);
        Assert.Equal(check, Assert.Single(ConfigLoader.Load(repo.Combine("evidence.yml")).Checks).Name);
        Assert.Contains(".evidence/", File.ReadAllText(repo.Combine(".gitignore")), StringComparison.Ordinal);
        AssertMatchesEditorSchema(repo.Combine("evidence.yml"));
    }

    [Fact]
    public void Init_never_overwrites_and_adds_the_store_to_gitignore_once()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\n# mine\n");
        repo.Write(".gitignore", "bin/");

        EvidenceCli.Run(repo.Path, "init");
        var second = EvidenceCli.Run(repo.Path, "init");

        Assert.Equal("version: 1\n# mine\n", File.ReadAllText(repo.Combine("evidence.yml")));
        Assert.Contains("already exists", second.Stderr, StringComparison.Ordinal);
        Assert.Equal("bin/\n# dotnet evidence store\n.evidence/\n", File.ReadAllText(repo.Combine(".gitignore")));
    }

    [Fact]
    public void Init_at_a_root_whose_solution_is_in_a_subfolder_tests_that_solution_and_the_config_runs_it()
    {
        using var repo = TempRepo.Create();
        Assert.Equal(0, Processes.Run("dotnet", ["new", "sln", "-n", "App", "-o", "src"], repo.Path, timeoutSeconds: 120).ExitCode);
        repo.Write("tools/Helper/Helper.csproj", "<Project />\n");

        var result = EvidenceCli.Run(repo.Path, "init");

        Assert.Equal(0, result.ExitCode);
        var solution = File.Exists(repo.Combine("src", "App.slnx")) ? "src/App.slnx" : "src/App.sln";
        Assert.Contains($"run: [dotnet, test, {solution}]", File.ReadAllText(repo.Combine("evidence.yml")), StringComparison.Ordinal);
        Assert.Equal(new[] { "dotnet", "test", solution }, Assert.Single(ConfigLoader.Load(repo.Combine("evidence.yml")).Checks).Argv.ToArray());
        AssertMatchesEditorSchema(repo.Combine("evidence.yml"));
    }

    [Fact]
    public void Init_in_a_subfolder_edits_the_root_gitignore_and_leaves_a_store_git_already_ignores_alone()
    {
        using var repo = TempRepo.Create();
        repo.Write(".gitignore", "bin/\n");
        repo.Write("web/package.json", "{}\n");
        using var ignored = TempRepo.Create();
        ignored.Write(".gitignore", "/.evidence*\n");

        var sub = EvidenceCli.Run(repo.Combine("web"), "init");
        var already = EvidenceCli.Run(ignored.Path, "init");

        Assert.Equal(0, sub.ExitCode);
        Assert.True(File.Exists(repo.Combine("web", "evidence.yml")));
        Assert.False(File.Exists(repo.Combine("web", ".gitignore")), "init wrote a .gitignore in the subfolder");
        Assert.Equal("bin/\n# dotnet evidence store\n.evidence/\n", File.ReadAllText(repo.Combine(".gitignore")));
        Assert.Contains("added .evidence/ to ../.gitignore", sub.Stderr, StringComparison.Ordinal);
        Assert.Equal("/.evidence*\n", File.ReadAllText(ignored.Combine(".gitignore")));
        Assert.DoesNotContain(".gitignore", already.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_in_an_unknown_project_writes_an_example_check()
    {
        using var folder = new TempFolder();
        EvidenceCli.Run(folder.Path, "init");

        Assert.Equal("build", Assert.Single(ConfigLoader.Load(folder.Combine("evidence.yml")).Checks).Name);
    }

    private static void AssertMatchesEditorSchema(string yamlPath)
    {
        var schema = Path.Combine(SchemaValidator.RepoRoot, "schemas", "v1", "evidence-config.schema.json");
        var script = "import json, sys, yaml, jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(yaml.safe_load(open(sys.argv[2])))";
        var result = Processes.Run(SchemaValidator.Python, ["-c", script, schema, yamlPath], Path.GetDirectoryName(yamlPath)!);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }
}
