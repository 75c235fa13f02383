using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Git;

/// <summary>What HEAD is: the commit it names and the branch it is on, each asked of git on its own.</summary>
public static class RepoHead
{
    /// <summary>The commit; unknown as EVD0203 on an unborn branch, EVD0207 when git could not tell.</summary>
    public static RepoFact Commit(GitCli git)
    {
        ArgumentNullException.ThrowIfNull(git);
        var head = git.Run("rev-parse", "--verify", "-q", "HEAD^{commit}");
        if (head.Ok)
        {
            return RepoFact.Known(head.Stdout.Trim());
        }

        // -q keeps "no such ref" silent; any message means git failed for another reason (a corrupt repository).
        return head.Started && head.ExitCode == 1 && head.Stderr.Length == 0
            ? RepoFact.Unknown(Codes.NoCommits, "the repository has no commits yet; the diff is against an empty tree")
            : RepoFact.Unknown(Codes.GitFailed, $"git rev-parse HEAD failed: {head.Problem}");
    }

    /// <summary>The short branch name; unknown as EVD0204 when HEAD is detached, EVD0207 when git could not tell.</summary>
    public static RepoFact Branch(GitCli git)
    {
        ArgumentNullException.ThrowIfNull(git);
        var symbolic = git.Run("symbolic-ref", "-q", "--short", "HEAD");
        if (symbolic.Ok)
        {
            return RepoFact.Known(symbolic.Stdout.Trim());
        }

        return symbolic.Started && symbolic.ExitCode == 1
            ? RepoFact.Unknown(Codes.DetachedHead, "HEAD is detached; no branch name")
            : RepoFact.Unknown(Codes.GitFailed, $"git symbolic-ref HEAD failed: {symbolic.Problem}");
    }
}
