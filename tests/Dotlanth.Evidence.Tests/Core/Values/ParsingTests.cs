using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Tests.Core.Values;

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
    [InlineData("pytest -q", "pytest")]
    [InlineData("python -m pytest -q", "pytest")]
    [InlineData("/usr/bin/python3.12 -m pytest", "pytest")]
    [InlineData("uv run pytest -x", "pytest")]
    [InlineData("poetry run python -m pytest", "pytest")]
    [InlineData("env CI=1 pytest", "pytest")]
    [InlineData("dotnet test", "dotnet-test")]
    [InlineData("dotnet test --no-build MySolution.sln", "dotnet-test")]
    [InlineData("dotnet --nologo build", "dotnet-build")]
    [InlineData("npm test", "npm-test")]
    [InlineData("npm run lint", "npm-lint")]
    [InlineData("npm run format:check", "npm-format_check")]
    [InlineData("pnpm run -r build", "pnpm-build")]
    [InlineData("npx jest --ci", "jest")]
    [InlineData("go test ./...", "go-test")]
    [InlineData("cargo test --workspace", "cargo-test")]
    [InlineData("bundle exec rspec", "rspec")]
    [InlineData("/usr/bin/python3", "python3")]
    [InlineData("./build.sh", "build.sh")]
    public void Check_names_say_what_ran(string command, string name) => Assert.Equal(name, CommandNames.Of(command.Split(' ')));

    [Fact]
    public void A_name_keeps_to_the_file_name_alphabet()
    {
        Assert.Equal("my_tool", CommandNames.Of(["/opt/my tool"]));
        Assert.Equal("check", CommandNames.Of(["/"]));
        Assert.Equal(64, CommandNames.Of([new string('a', 100)]).Length);
    }

    [Theory]
    [InlineData("echo hi && pytest", "echo")]
    [InlineData("npm run lint && npm run format:check", "npm-lint")]
    [InlineData("set -e; cargo test", "cargo-test")]
    [InlineData("FOO=1 ./run-tests.sh --fast", "run-tests.sh")]
    [InlineData("  ", "sh")]
    public void A_shell_script_is_named_after_its_first_command(string script, string name)
    {
        Assert.Equal(name, CommandNames.Of(["sh", "-c", script]));
        Assert.Equal(name == "sh" ? "bash" : name, CommandNames.Of(["bash", "-lc", script]));
    }
}
