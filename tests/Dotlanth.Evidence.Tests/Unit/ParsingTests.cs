using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Runs;

namespace Dotlanth.Evidence.Tests.Unit;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2.5", 2_500)]
    [InlineData("1d", 86_400_000)]
    public void Durations_parse(string text, long ms)
    {
        Assert.True(Durations.TryParse(text, out var value, out var error));
        Assert.Null(error);
        Assert.Equal(ms, (long)value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("0s")]
    [InlineData("10x")]
    public void Bad_durations_are_rejected_with_a_code(string text)
    {
        Assert.False(Durations.TryParse(text, out _, out var error));
        Assert.Equal("EVD0002", error!.Code);
    }

    [Theory]
    [InlineData("65536", 65536)]
    [InlineData("64K", 65536)]
    [InlineData("64KiB", 65536)]
    [InlineData("10MB", 10L << 20)]
    [InlineData("1G", 1L << 30)]
    [InlineData("0", 0)]
    public void Sizes_parse(string text, long bytes)
    {
        Assert.True(ByteSizes.TryParse(text, out var value, out _));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("99999999999999999G")]
    public void Bad_sizes_are_rejected(string text) => Assert.False(ByteSizes.TryParse(text, out _, out _));

    [Theory]
    [InlineData("https://user:pass@github.com/a/b.git", "https://github.com/a/b.git")]
    [InlineData("https://x-access-token:ghs_abc@github.com/a/b", "https://github.com/a/b")]
    [InlineData("https://github.com/a/b.git", "https://github.com/a/b.git")]
    [InlineData("git@github.com:a/b.git", "git@github.com:a/b.git")]
    [InlineData("ssh://git@host:22/a/b", "ssh://host:22/a/b")]
    public void Remote_credentials_are_stripped(string url, string expected) => Assert.Equal(expected, RemoteUrl.StripCredentials(url));

    [Fact]
    public void Run_ids_are_sortable_and_unique()
    {
        var now = new DateTimeOffset(2026, 11, 21, 19, 55, 12, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 2000).Select(_ => RunId.New(now)).ToList();
        Assert.All(ids, id => Assert.StartsWith("2026-11-21T19-55-12Z_", id, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.True(RunId.IsValid(id)));
        Assert.True(string.CompareOrdinal(RunId.New(now), RunId.New(now.AddSeconds(1))) < 0);
    }

    [Theory]
    [InlineData("pytest", "pytest")]
    [InlineData("/usr/bin/python3", "python3")]
    [InlineData("./build.sh", "build.sh")]
    [InlineData("my tool", "my_tool")]
    public void Check_names_come_from_the_program(string program, string name) => Assert.Equal(name, CommandProgram.DefaultCheckName(program));
}
