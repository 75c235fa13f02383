using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class HookTests
{
    private const string Config = "version: 1\nchecks:\n  - name: gate\n    run: [sh, -c, \"test ! -f broken\"]\n";

    [Fact]
    public void A_push_is_refused_on_a_failing_check_and_accepted_on_a_passing_one_and_an_existing_hook_still_runs()
    {
        using var remote = new TempFolder();
        Processes.Git(remote.Path, "init", "-q", "--bare");
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", Config);
        repo.Write(".gitignore", ".evidence/\nbroken\nchained.log\n");
        Processes.Git(repo.Path, "add", ".");
        Processes.Git(repo.Path, "commit", "-q", "-m", "config");
        Processes.Git(repo.Path, "remote", "add", "origin", remote.Path);
        var original = "#!/bin/sh\nread refs\necho \"original hook: $1 $refs\" >> chained.log\n";
        repo.Write(".git/hooks/pre-push", original);
        File.SetUnixFileMode(repo.Combine(".git/hooks/pre-push"), (UnixFileMode)0b111_101_101);

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "install").ExitCode);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "install").ExitCode);

        repo.Write("broken", "x\n");
        var refused = Processes.Run("git", ["push", "origin", "main"], repo.Path);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("push refused: the evidence outcome is not verified", refused.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"failed run \d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z_[0-9a-f]{6}", refused.Stderr);
        Assert.NotEqual(0, Processes.Run("git", ["--git-dir", remote.Path, "rev-parse", "--verify", "-q", "refs/heads/main"], remote.Path).ExitCode);

        File.Delete(repo.Combine("broken"));
        var accepted = Processes.Run("git", ["push", "origin", "main"], repo.Path);
        Assert.True(accepted.ExitCode == 0, accepted.Stderr);
        Assert.Contains("verified run", accepted.Stderr, StringComparison.Ordinal);
        Assert.Equal(Processes.Git(repo.Path, "rev-parse", "HEAD"), Processes.Git(repo.Path, "--git-dir", remote.Path, "rev-parse", "refs/heads/main"));
        var chained = File.ReadAllLines(repo.Combine("chained.log"));
        Assert.Equal(2, chained.Length);
        Assert.All(chained, line => Assert.StartsWith($"original hook: origin refs/heads/main ", line, StringComparison.Ordinal));

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "uninstall").ExitCode);
        Assert.Equal(original, File.ReadAllText(repo.Combine(".git/hooks/pre-push")));
        Assert.False(File.Exists(repo.Combine(".git/hooks/pre-push.evidence-chained")));
    }

    [Fact]
    public void Core_hooks_path_is_honored_and_uninstall_leaves_nothing_when_there_was_nothing()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", Config);
        Processes.Git(repo.Path, "config", "core.hooksPath", "tools/githooks");

        var install = EvidenceCli.Run(repo.Path, "hook", "install", "--check", "gate");

        Assert.Equal(0, install.ExitCode);
        var hook = repo.Combine("tools", "githooks", "pre-push");
        Assert.Contains("hook pre-push --check 'gate'", File.ReadAllText(hook), StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine(".git", "hooks", "pre-push")));
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "uninstall").ExitCode);
        Assert.Empty(Directory.GetFiles(repo.Combine("tools", "githooks")));
        Assert.Contains("nothing changed", EvidenceCli.Run(repo.Path, "hook", "uninstall").Stderr, StringComparison.Ordinal);
    }
}
