namespace Dotlanth.Evidence.Tests.Support;

/// <summary>Validates a bundle with the independent Python validator (jsonschema) against schemas/v1.</summary>
public static class SchemaValidator
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The interpreter with jsonschema and PyYAML: EVIDENCE_PYTHON (set by .ci/run), else python3.</summary>
    public static string Python { get; } = Environment.GetEnvironmentVariable("EVIDENCE_PYTHON") is { Length: > 0 } python ? python : "python3";

    public static void AssertValid(string bundlePath)
    {
        var script = Path.Combine(RepoRoot, "build", "validate_bundle.py");
        var result = Processes.Run(Python, [script, bundlePath, "--schemas", Path.Combine(RepoRoot, "schemas", "v1")], RepoRoot);
        Assert.True(result.ExitCode == 0, $"schema validation failed for {bundlePath}:\n{result.Stdout}{result.Stderr}");
    }

    /// <summary>A schema of schemas/v1, parsed, for tests that hold the code to what it declares.</summary>
    public static System.Text.Json.Nodes.JsonNode Schema(string schemaFile) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot, "schemas", "v1", schemaFile)))!;

    /// <summary>One JSON document against one schema of schemas/v1, with Python's jsonschema.</summary>
    public static void AssertDocumentValid(byte[] document, string schemaFile)
    {
        const string Script = "import json, sys, jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(sys.stdin))";
        var result = Processes.Run(Python, ["-c", Script, Path.Combine(RepoRoot, "schemas", "v1", schemaFile)], RepoRoot, stdin: System.Text.Encoding.UTF8.GetString(document));
        Assert.True(result.ExitCode == 0, $"{schemaFile}: {result.Stderr}");
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dotlanth.Evidence.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dotlanth.Evidence.sln not found above the test folder.");
    }
}
