using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>Runs the CLI in a real pseudo-terminal (Support/pty_drive.py), typing and resizing as a user would.</summary>
public static class TerminalDriver
{
    private static readonly string Script = Path.Combine(SchemaValidator.RepoRoot, "tests", "Dotlanth.Evidence.Tests", "Support", "pty_drive.py");

    /// <summary>The CLI's exit code and every byte its terminal received.</summary>
    public static (int Exit, string Screen) Run(string cwd, int rows, int cols, JsonArray steps, IEnumerable<string> args, IDictionary<string, string?>? env = null)
    {
        var result = Processes.Run("python3", [Script, $"{rows}", $"{cols}", steps.ToJsonString(), "--", EvidenceCli.DotnetHost, .. EvidenceCli.Args(args)], cwd, env, timeoutSeconds: 120);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = JsonNode.Parse(result.Stdout)!;
        return ((int)report["exit"]!, (string)report["output"]!);
    }

    public static JsonObject Wait(string text) => new() { ["wait"] = text };

    public static JsonObject Send(string text) => new() { ["send"] = text };

    public static JsonObject Resize(int rows, int cols) => new() { ["resize"] = new JsonArray(rows, cols) };
}
