using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Config;

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
