using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Git;

/// <summary>
/// The work tree against HEAD as one patch in memory, untracked files included and the store left out: what
/// <c>git.diff</c> answers, asked exactly as diff.patch is recorded.
/// </summary>
public static class WorkTreePatch
{
    /// <summary>The patch, or null and why git could not give it (<paramref name="path"/>: a repository-relative folder or file, or null for all).</summary>
    public static (string? Patch, string? Code, string? Problem) Read(string root, string storeRoot, string? path, int maxBytes)
    {
        var git = new GitCli(root);
        var commit = RepoHead.Commit(git);
        if (commit.Value is null && commit.Code != Codes.NoCommits)
        {
            return (null, Codes.GitFailed, "the HEAD commit is unknown: " + commit.Reason);
        }

        var baseRev = commit.Value ?? DiffRecording.EmptyTree(git);
        if (baseRev is null)
        {
            return (null, Codes.GitFailed, "git could not name the empty tree to diff an unborn branch against");
        }

        string[] pathspec = [.. RepoPathspec.WithoutStore(root, storeRoot), .. path is null ? [] : new[] { $":(top,literal){path}" }];
        if (path is not null)
        {
            // Limiting to a path replaces the whole-tree ':/', keeping the store's exclusion.
            pathspec = pathspec[1..];
        }

        using var diff = new WorkTreeDiff(git, pathspec, RepoLocation.Find(root).IndexPath);
        if (diff.Prepare() is { } failure)
        {
            return (null, Codes.GitFailed, failure);
        }

        var text = new TextCapture(maxBytes);
        var result = diff.WritePatch(baseRev, text);
        if (!result.Ok)
        {
            return (null, Codes.GitFailed, "git diff failed: " + result.Problem);
        }

        return text.Overflowed
            ? (null, Codes.ProgramInvalid, $"the diff is over {maxBytes} bytes; ask for one folder or file")
            : (text.Text, null, null);
    }
}
