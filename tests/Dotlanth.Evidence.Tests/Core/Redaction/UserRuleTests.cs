using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

public sealed class UserRuleTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void An_extra_pattern_masks_its_secret_group_or_the_whole_match()
    {
        var redactor = Redactor.Create(NoEnvironment, new RedactionOptions { Patterns = ["ACME-[0-9]{12}", @"ticket=(?<secret>[A-Z]{3}\d{4})"] });
        var output = redactor.Redact("key ACME-123456789012 for ticket=ABC1234 done");

        Assert.Matches(@"^key \[REDACTED:custom-1:[0-9a-f]{8}\] for ticket=\[REDACTED:custom-2:[0-9a-f]{8}\] done$", output);
    }

    [Fact]
    public void An_extra_sensitive_name_masks_assignments_and_environment_values()
    {
        var options = new RedactionOptions { SensitiveNames = ["signature"] };
        var redactor = Redactor.Create(new Dictionary<string, string> { ["WEBHOOK_SIGNATURE"] = "sig-value-987654" }, options);

        Assert.Matches(@"^signature: \[REDACTED:custom-name:[0-9a-f]{8}\]$", redactor.Redact("signature: abcdef123456"));
        Assert.DoesNotContain("sig-value-987654", redactor.Redact("sent sig-value-987654"), StringComparison.Ordinal);
        Assert.True(redactor.IsSensitiveName("WEBHOOK_SIGNATURE"));
    }

    [Fact]
    public void The_allowlist_keeps_matching_values()
    {
        var options = new RedactionOptions { Allowlist = ["AKIAIOSFODNN7EXAMPLE"] };
        var redactor = Redactor.Create(NoEnvironment, options);

        Assert.Equal("docs use AKIAIOSFODNN7EXAMPLE", redactor.Redact("docs use AKIAIOSFODNN7EXAMPLE"));
        Assert.Contains("[REDACTED:aws-access-key-id:", redactor.Redact("real AKIAI44QH8DHBEXAMPLE"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_does_not_compile_is_one_clear_error()
    {
        var error = Assert.Throws<RedactionConfigException>(() => Redactor.Create(NoEnvironment, new RedactionOptions { Patterns = ["(unclosed"] })).Error;

        Assert.Equal("EVD0002", error.Code);
        Assert.StartsWith("--redact-pattern: '(unclosed' is not a valid regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_user_pattern_stays_linear()
    {
        // (a+)+$ is exponential for a backtracking engine; compiled non-backtracking it is linear.
        var redactor = Redactor.Create(NoEnvironment, new RedactionOptions { Patterns = ["(a+)+$"] });
        var hostile = new string('a', 200_000) + "!";

        var output = redactor.Redact(hostile);

        Assert.EndsWith("!", output, StringComparison.Ordinal);
    }
}
