namespace Dotlanth.Evidence.Git;

public sealed record GitResult(bool Started, int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => Started && ExitCode == 0;
}
