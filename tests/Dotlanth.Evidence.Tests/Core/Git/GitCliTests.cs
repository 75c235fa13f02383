using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Git;

public sealed class GitCliTests
{
    [Fact]
    public void An_answer_too_large_to_keep_is_a_failure_rather_than_a_silently_shorter_answer()
    {
        using var repo = TempRepo.Create();
        var git = new GitCli(repo.Path);

        var big = git.Run("-c", "alias.flood=!head -c 17000000 /dev/zero", "flood");
        var small = git.Run("-c", "alias.small=!printf ok", "small");

        Assert.False(big.Ok);
        Assert.Equal(string.Empty, big.Stdout);
        Assert.Contains("more than 16 MiB", big.Stderr, StringComparison.Ordinal);
        Assert.True(small.Ok);
        Assert.Equal("ok", small.Stdout);
    }
}
