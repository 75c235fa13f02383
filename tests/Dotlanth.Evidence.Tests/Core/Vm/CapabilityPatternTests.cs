using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Tests.Core.Vm;

public sealed class CapabilityPatternTests
{
    [Theory]
    [InlineData("proc.exec", "pytest *", "pytest -q tests/unit", true)]
    [InlineData("proc.exec", "pytest *", "pytest", false)]
    [InlineData("proc.exec", "pytest*", "pytest", true)]
    [InlineData("proc.exec", "npm run ?est", "npm run test", true)]
    [InlineData("proc.exec", "echo \\*", "echo *", true)]
    [InlineData("proc.exec", "echo \\*", "echo x", false)]
    [InlineData("proc.exec", "git status", "git status; rm -rf /", false)]
    [InlineData("env.get", "GITHUB_*", "GITHUB_SHA", true)]
    [InlineData("env.get", "CI", "CIRCLECI", false)]
    [InlineData("fs.write", "out/**", "out/a/b/c.txt", true)]
    [InlineData("fs.write", "out/**", "out", true)]
    [InlineData("fs.write", "out/*", "out/a/b.txt", false)]
    [InlineData("fs.write", "out/*.txt", "out/b.txt", true)]
    [InlineData("fs.read", "**/*.cs", "src/deep/app.cs", true)]
    [InlineData("fs.read", "**/*.cs", "app.cs", true)]
    [InlineData("fs.read", "src/*", "srcx/a", false)]
    [InlineData("artifact.put", "report-*", "report-unit", true)]
    [InlineData("net.http.serve", "127.0.0.1:*", "127.0.0.1:8080", true)]
    [InlineData("net.http.serve", "127.0.0.1:8080", "127.0.0.1:8081", false)]
    [InlineData("net.http.serve", "*:*", "[::1]:8080", true)]
    [InlineData("net.http.serve", "*:*", "0.0.0.0:8080", false)]
    [InlineData("net.http.serve", "*:8080", "192.168.1.5:8080", false)]
    [InlineData("net.http.serve", "0.0.0.0:*", "0.0.0.0:8080", true)]
    [InlineData("net.http.serve", "0.0.0.0:8080", "0.0.0.0:8080", true)]
    public void Patterns_match_what_they_say(string syscall, string pattern, string subject, bool expected) =>
        Assert.Equal(expected, CapabilityPattern.Matches(syscall, pattern, subject));

    [Theory]
    [InlineData("8080", "an address pattern is host:port")]
    [InlineData("127.0.0.1:http", "the port 'http' is not a number or '*'")]
    [InlineData("localhost:8080", "write the host as 127.0.0.1")]
    [InlineData("example.com:80", "'example.com' is not an IP address or localhost")]
    public void Address_patterns_are_checked_before_anything_runs(string pattern, string problem) =>
        Assert.Contains(problem, CapabilityPattern.Problem("net.http.serve", pattern), StringComparison.Ordinal);

    [Fact]
    public void An_escaped_text_matches_itself_only()
    {
        const string Text = "sh -c 'ls *.txt?' \\ done";
        var pattern = CapabilityPattern.Escape(Text);

        Assert.True(CapabilityPattern.Matches("proc.exec", pattern, Text));
        Assert.False(CapabilityPattern.Matches("proc.exec", pattern, "sh -c 'ls a.txtx' \\ done"));
    }

    [Fact]
    public void Many_stars_do_not_backtrack_exponentially()
    {
        // A backtracking glob takes exponential time here; this one is O(pattern x text) and returns.
        var pattern = string.Concat(Enumerable.Repeat("*a", 200)) + "b";

        Assert.False(CapabilityPattern.Matches("proc.exec", pattern, new string('a', 20_000)));
        Assert.True(CapabilityPattern.Matches("proc.exec", pattern, new string('a', 20_000) + "b"));
    }
}
