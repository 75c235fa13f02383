using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Hostile;

/// <summary>Input built to break the parsers: each gets one clear error line and a blocked bundle, never a crash.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void A_configuration_nested_100000_deep_is_refused_with_its_position()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nchecks: " + new string('[', 100_000) + "\n");

        var result = EvidenceCli.Run(repo.Path, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0005: evidence.yml:2:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("values nest more than 64 levels deep", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("blocked", BundleOnDisk.Of(result, repo.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void A_list_constant_nested_100000_deep_is_refused_with_its_position()
    {
        using var repo = TempRepo.Create();
        repo.Write("deep.dasm", ".abi 1\n    const r1, " + new string('[', 100_000) + new string(']', 100_000) + "\n    ret r1\n");

        var result = EvidenceCli.Run(repo.Path, "exec", "deep.dasm");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0301: deep.dasm(2,79): lists nest more than 64 levels deep", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("blocked", BundleOnDisk.Of(result, repo.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void A_program_over_1_MiB_is_refused_before_it_is_read_whole()
    {
        using var repo = TempRepo.Create();
        File.WriteAllText(repo.Combine("big.dasm"), ".abi 1\n" + string.Concat(Enumerable.Repeat("    const r1, 1\n", 200_000)));

        var result = EvidenceCli.Run(repo.Path, "exec", "big.dasm");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0301: big.dasm(1,1): the program is 1048577 characters; programs are limited to 1 MiB", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--timeout")]
    [InlineData("run", "--kill-grace")]
    [InlineData("gc", "--older-than")]
    [InlineData("ls", "--since")]
    [InlineData("verify", "--max-age")]
    public void A_duration_past_the_range_is_a_usage_error_not_an_overflow(string command, string option)
    {
        using var repo = TempRepo.Create();
        string[] args = command switch
        {
            "run" => ["run", option, "99999999999999999999h", "--", "true"],
            "verify" => ["verify", "last", option, "99999999999999999999h"],
            _ => [command, option, "99999999999999999999h"],
        };

        var result = EvidenceCli.Run(repo.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error EVD0002: {option}: '99999999999999999999h' is longer than the longest duration allowed (3650d)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }
}
