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
            return new RepoLocation(null, false, null, Codes.GitNotFound, "git was not found on PATH; install git to record the repository state");
        }

        if (!top.Ok)
        {
            return new RepoLocation(null, false, null, Codes.NotGitRepository, $"{workingDirectory} is not inside a git work tree");
        }

        var lines = top.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shallow = lines.Length > 1 && lines[1] == "true";
        var index = lines.Length > 2 ? Path.GetFullPath(lines[2], workingDirectory) : null;
        return new RepoLocation(lines[0], shallow, index, null, null);
    }
}
