using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>begin / run --into / end through the real CLI, the way a CI pipeline drives a run made of steps.</summary>
public sealed partial class OpenRunCli
{
    private OpenRunCli(string cwd, string runId)
    {
        Cwd = cwd;
        RunId = runId;
    }

    public string Cwd { get; }

    public string RunId { get; }

    /// <summary>The environment later steps see, as if begin's line had gone into $GITHUB_ENV.</summary>
    public Dictionary<string, string?> Env => new() { ["EVIDENCE_RUN_ID"] = RunId };

    public static OpenRunCli Begin(string cwd, params string[] args)
    {
        var result = EvidenceCli.Run(cwd, ["begin", .. args]);
        Assert.True(result.ExitCode == 0, $"begin failed: {result.Stderr}");
        var match = EnvLine().Match(result.Stdout);
        Assert.True(match.Success, $"begin printed no EVIDENCE_RUN_ID line: '{result.Stdout}'");
        return new OpenRunCli(cwd, match.Groups[1].Value);
    }

    public ProcessResult Step(params string[] args) => EvidenceCli.Run(Cwd, ["run", .. args], Env);

    public ProcessResult End(params string[] args) => EvidenceCli.Run(Cwd, ["end", .. args], Env);

    public string StagingPath(string storeRoot) => Path.Combine(storeRoot, "runs", ".staging", RunId);

    [GeneratedRegex(@"\AEVIDENCE_RUN_ID=(\S+)\n\z")]
    private static partial Regex EnvLine();
}
