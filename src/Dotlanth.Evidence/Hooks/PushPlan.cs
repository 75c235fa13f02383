using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Git;

namespace Dotlanth.Evidence.Hooks;

/// <summary>
/// Where the evidence for each pushed commit comes from: the work tree itself when it is that commit and clean (the
/// store excluded), else a temporary worktree checked out at the commit, or, with <c>--in-place</c>, a refusal.
/// Deletions send no commit and need no evidence; a commit pushed under several refs is checked once.
/// </summary>
public static class PushPlan
{
    public static IReadOnlyList<PushTarget> For(string workingDirectory, string storeRoot, IReadOnlyList<PushedRef> refs, bool inPlaceOnly)
    {
        ArgumentNullException.ThrowIfNull(refs);
        var location = RepoLocation.Find(workingDirectory);
        if (location.Root is not { } root)
        {
            throw new EvidenceException(new EvidenceError(location.ProblemCode!, location.Problem!, "run the pre-push hook inside the repository"));
        }

        var git = new GitCli(root);
        var head = RepoHead.Commit(git).Value;
        var (status, failure) = WorkTreeStatus.Read(git, RepoPathspec.WithoutStore(root, storeRoot));
        var clean = status is { Dirty: false };
        var targets = new List<PushTarget>();
        foreach (var group in refs.Where(r => !r.IsDeletion).GroupBy(r => r.LocalSha, StringComparer.Ordinal))
        {
            var names = group.Select(r => r.RemoteRef).ToList();
            if (group.Key == head && clean)
            {
                targets.Add(new PushTarget(group.Key, names, true, "the work tree is this commit, clean"));
                continue;
            }

            var why = group.Key != head
                ? $"HEAD is {Short(head)}, not the pushed commit"
                : status is null ? $"whether the work tree is clean is unknown ({failure})" : $"the work tree has {status.Paths.Count} uncommitted change(s)";
            if (inPlaceOnly)
            {
                throw new EvidenceException(new EvidenceError(
                    Codes.PushNotAttestable,
                    $"push refused: {string.Join(", ", names)} would send {Short(group.Key)} but {why}, so evidence from this work tree would not be for what is pushed",
                    "commit or stash your changes and check out the pushed commit, or install the hook without --in-place to check it in a temporary worktree"));
            }

            targets.Add(new PushTarget(group.Key, names, false, why));
        }

        return targets;
    }

    private static string Short(string? commit) => commit is null ? "(no commit)" : commit[..Math.Min(7, commit.Length)];
}
