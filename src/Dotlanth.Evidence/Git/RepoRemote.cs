using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Git;

/// <summary>The remote the work tree came from: origin, else the first remote, with credentials stripped.</summary>
public static class RepoRemote
{
    public static RepoFact Read(GitCli git)
    {
        ArgumentNullException.ThrowIfNull(git);
        var remotes = git.Run("config", "--get-regexp", @"^remote\..*\.url$");
        if (!remotes.Ok)
        {
            // git config exits 1 when nothing matches; anything else is a failure, not "no remote".
            return remotes.Started && remotes.ExitCode == 1
                ? RepoFact.Unknown(Codes.NoRemote, "the repository has no remote")
                : RepoFact.Unknown(Codes.GitFailed, $"git config failed: {remotes.Problem}");
        }

        var entries = remotes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .ToList();
        var chosen = entries.FirstOrDefault(e => e[0] == "remote.origin.url") ?? entries.FirstOrDefault();
        return chosen is null
            ? RepoFact.Unknown(Codes.NoRemote, "the repository has no remote")
            : RepoFact.Known(RemoteUrl.StripCredentials(chosen[1]));
    }
}
