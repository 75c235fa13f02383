using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>Runs the CLI in a real pseudo-terminal (Support/pty_drive.py), typing and resizing as a user would.</summary>
public static class TerminalDriver
{
    private static readonly string Script = Path.Combine(SchemaValidator.RepoRoot, "tests", "Dotlanth.Evidence.Tests", "Support", "pty_drive.py");

    /// <summary>The CLI's exit code and every byte its terminal received.</summary>
    public static (int Exit, string Screen) Run(string cwd, int rows, int cols, JsonArray steps, IEnumerable<string> args, IDictionary<string, string?>? env = null)
    {
        var report = Drive(cwd, rows, cols, steps, args, env);
        return ((int)report["exit"]!, (string)report["output"]!);
    }

    /// <summary>The driver's whole report: exit, output, and whether the CLI was seen stopped (job control).</summary>
    public static JsonNode Drive(string cwd, int rows, int cols, JsonArray steps, IEnumerable<string> args, IDictionary<string, string?>? env = null)
    {
        var result = Processes.Run("python3", [Script, $"{rows}", $"{cols}", steps.ToJsonString(), "--", EvidenceCli.Executable, .. EvidenceCli.Args(args)], cwd, env, timeoutSeconds: 120);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonNode.Parse(result.Stdout)!;
    }

    public static JsonObject Wait(string text) => new() { ["wait"] = text };

    public static JsonObject Send(string text) => new() { ["send"] = text };

    public static JsonObject Stopped() => new() { ["stopped"] = true };

    public static JsonObject Continue() => new() { ["continue"] = true };

    public static JsonObject Sleep(double seconds) => new() { ["sleep"] = seconds };

    public static JsonObject Resize(int rows, int cols) => new() { ["resize"] = new JsonArray(rows, cols) };
}
