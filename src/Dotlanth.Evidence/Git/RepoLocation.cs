using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Git;

/// <summary>Where the work tree is, found with one git call; or why there is none.</summary>
public sealed record RepoLocation(string? Root, bool Shallow, string? IndexPath, string? ProblemCode, string? Problem)
{
    public static RepoLocation Find(string workingDirectory)
    {
        var top = new GitCli(workingDirectory).Run("rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-path", "index");
        if (!top.Started)
        {
            return Unknown(Codes.GitNotFound, "git was not found on PATH; install git to record the repository state");
        }

        if (!top.Ok)
        {
            return Refused(workingDirectory, top);
        }

        var lines = top.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 3 || lines[1] is not ("true" or "false"))
        {
            return Unknown(Codes.GitFailed, $"git rev-parse gave an answer this tool does not understand ({lines.Length} lines); upgrade git to 2.15 or later");
        }

        return new RepoLocation(lines[0], lines[1] == "true", Path.GetFullPath(lines[2], workingDirectory), null, null);
    }

    /// <summary>Why git would not name a work tree: not a repository, or one it refuses to read (owned by another user).</summary>
    private static RepoLocation Refused(string workingDirectory, GitResult top)
    {
        var stderr = top.Stderr;
        if (stderr.Contains("dubious ownership", StringComparison.Ordinal))
        {
            // CI containers check out as one user and run as another; git then reads nothing of the repository.
            var at = top.Problem;
            var quoted = at.IndexOf('\'', StringComparison.Ordinal);
            var repo = quoted >= 0 && at.LastIndexOf('\'') > quoted ? at[(quoted + 1)..at.LastIndexOf('\'')] : workingDirectory;
            return Unknown(
                Codes.UnsafeRepository,
                $"git refuses to read the repository at {repo}: it is owned by another user (git's safe.directory check); if you trust it, run 'git config --global --add safe.directory {repo}'");
        }

        if (stderr.Contains("not a git repository", StringComparison.OrdinalIgnoreCase) || stderr.Contains("must be run in a work tree", StringComparison.Ordinal))
        {
            return Unknown(Codes.NotGitRepository, $"{workingDirectory} is not inside a git work tree");
        }

        return Unknown(Codes.GitFailed, $"git could not read the repository at {workingDirectory}: {top.Problem}");
    }

    private static RepoLocation Unknown(string code, string problem) => new(null, false, null, code, problem);
}
