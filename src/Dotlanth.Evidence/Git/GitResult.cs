namespace Dotlanth.Evidence.Git;

public sealed record GitResult(bool Started, int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => Started && ExitCode == 0;

    /// <summary>What git said went wrong, in one line for a reason or an error message.</summary>
    public string Problem => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";
}
