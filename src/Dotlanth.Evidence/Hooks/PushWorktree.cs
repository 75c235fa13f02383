using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Git;

namespace Dotlanth.Evidence.Hooks;

/// <summary>
/// A detached worktree at one commit in a temporary folder, for running the checks on exactly what is pushed. Removed
/// on dispose, whatever happened inside.
/// </summary>
public sealed class PushWorktree : IDisposable
{
    private static readonly string[] RepositoryVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"];

    private readonly GitCli _repo;

    private PushWorktree(GitCli repo, string path)
    {
        _repo = repo;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The worktree, or why it could not be made (then nothing is left behind).</summary>
    public static (PushWorktree? Worktree, EvidenceError? Problem) TryCreate(string workingDirectory, string commit)
    {
        try
        {
            return (Create(workingDirectory, commit), null);
        }
        catch (EvidenceException failed)
        {
            return (null, failed.Error);
        }
    }

    private static PushWorktree Create(string workingDirectory, string commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        // A hook may run with git's own variables set; in the worktree they would point the checks back at this one.
        foreach (var name in RepositoryVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        var repo = new GitCli(workingDirectory);
        // Worktrees an earlier, killed hook left registered but whose folder is gone.
        _ = repo.Run("worktree", "prune");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "evidence-push-" + Guid.NewGuid().ToString("N")[..12]);
        var added = repo.Run("worktree", "add", "--detach", "--quiet", path, commit + "^{commit}");
        if (!added.Ok)
        {
            Remove(repo, path);
            throw new EvidenceException(new EvidenceError(
                Codes.GitFailed,
                $"could not check out the pushed commit {commit[..Math.Min(7, commit.Length)]} in a temporary worktree: {added.Problem}",
                "check 'git worktree add' works here, or push from a clean work tree at the pushed commit"));
        }

        return new PushWorktree(repo, path);
    }

    public void Dispose() => Remove(_repo, Path);

    private static void Remove(GitCli repo, string path)
    {
        _ = repo.Run("worktree", "remove", "--force", "--force", path);
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // What a check left unremovable stays in the temp folder; the worktree is unregistered all the same.
        }

        _ = repo.Run("worktree", "prune");
    }
}
