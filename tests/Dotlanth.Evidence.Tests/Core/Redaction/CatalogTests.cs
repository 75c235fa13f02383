using System.Text;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Redaction.Catalog;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

public sealed class CatalogTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    public static TheoryData<SecretSample> Samples() => [.. SecretSamples.All];

    [Fact]
    public void The_catalog_has_at_least_forty_formats_and_every_one_has_a_sample()
    {
        Assert.True(BuiltInRules.Ids.Count >= 40, $"{BuiltInRules.Ids.Count} rules");
        var sampled = SecretSamples.All.Select(s => s.RuleId).ToHashSet();
        Assert.Equal(BuiltInRules.Ids, sampled.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_format_is_found_by_its_own_rule_on_a_plain_line(SecretSample sample)
    {
        var redactor = Redactor.Create(NoEnvironment);
        var output = redactor.Redact($"value: {sample.Snippet} end");

        Assert.DoesNotContain(sample.Secret, output, StringComparison.Ordinal);
        Assert.Contains($"[REDACTED:{sample.RuleId}:", output, StringComparison.Ordinal);
        Assert.True(redactor.Summary().Hits.ContainsKey(sample.RuleId));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_format_is_masked_in_at_least_ten_contexts(SecretSample sample)
    {
        var contexts = Contexts.All.Where(c => !sample.NotApplicable.Contains(c.Name)).ToList();
        // A format spread over lines (a Secret's data block) cannot sit inside one-line contexts such as a JSON string.
        Assert.True(contexts.Count >= (sample.Snippet.Contains('\n', StringComparison.Ordinal) ? 9 : 10), $"{sample.RuleId} is tested in only {contexts.Count} contexts");
        var leaks = new List<string>();
        foreach (var context in contexts)
        {
            var output = Redactor.Create(NoEnvironment).Redact(context.Wrap(sample.Snippet));
            if (output.Contains(context.Form(sample.Secret), StringComparison.Ordinal) || !output.Contains("[REDACTED:", StringComparison.Ordinal))
            {
                leaks.Add($"{context.Name}: {output}");
            }
        }

        Assert.True(leaks.Count == 0, $"{sample.RuleId} leaked in:\n{string.Join('\n', leaks)}");
    }

    [Theory]
    [InlineData("commit 3f2a9c1d4e5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f (HEAD -> main)")]
    [InlineData("Merge 3f2a9c1 into 8e9d0c1; HEAD is now at 8e9d0c1b")]
    [InlineData("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1bcb0b822cd15d6c15b0f00a08")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1bcb0b822cd15d6c15b0f00a08  artifact.tar.gz")]
    [InlineData("request 123e4567-e89b-12d3-a456-426614174000 finished")]
    [InlineData("\"integrity\": \"sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==\"")]
    [InlineData("golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=")]
    [InlineData("fixture: dGhpcyBpcyBqdXN0IHRlc3QgZGF0YSwgbm90aGluZyBzZWNyZXQgaGVyZQ==")]
    [InlineData("token: ${{ secrets.DEPLOY_TOKEN }}")]
    [InlineData("env: { GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} }")]
    [InlineData("password=$DB_PASSWORD")]
    [InlineData("export API_TOKEN=\"${API_TOKEN}\"")]
    [InlineData("api_key=<your-token>")]
    [InlineData("\"password\": \"********\"")]
    [InlineData("max_tokens=4096 tokenizer=bert-base-uncased")]
    [InlineData("if (password == expected) return;")]
    [InlineData("PWD=/home/ci/project OLDPWD=/home/ci")]
    [InlineData("Compiled 120 files in 3.2s; 0 warnings")]
    [InlineData("curl -u $USER:$PASS https://example.com")]
    [InlineData("postgres://app:${DB_PASSWORD}@db:5432/main")]
    public void Ordinary_text_and_placeholders_are_left_alone(string line)
    {
        var redactor = Redactor.Create(NoEnvironment);
        Assert.Equal(line, redactor.Redact(line));
        Assert.Empty(redactor.Summary().Hits);
    }

    [Fact]
    public void A_multi_line_private_key_is_masked_from_begin_to_end_and_the_following_lines_are_kept()
    {
        const string body = "MIIEowIBAAKCAQEAq8Zp3vKx9LmN2bQ7wRtY5uI0oPlKjHgFdSaZxCvBnMqWeRtY";
        var text = $"key follows\r\n-----BEGIN OPENSSH PRIVATE KEY-----\r\n{body}\r\n{body[..20]}\r\n-----END OPENSSH PRIVATE KEY-----\r\nafter the key\r\n";
        var redactor = Redactor.Create(NoEnvironment);

        var output = redactor.Redact(text);

        Assert.DoesNotContain(body[..20], output, StringComparison.Ordinal);
        Assert.StartsWith("key follows\r\n[REDACTED:private-key:", output, StringComparison.Ordinal);
        Assert.EndsWith("\r\nafter the key\r\n", output, StringComparison.Ordinal);
        Assert.Equal(1, redactor.Summary().Hits["private-key"]);
    }

    [Fact]
    public void A_certificate_is_not_a_secret()
    {
        const string cert = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n";
        Assert.Equal(cert, Redactor.Create(NoEnvironment).Redact(cert));
    }

    [Fact]
    public void Masks_never_reveal_length_or_part_of_the_secret()
    {
        var redactor = Redactor.Create(NoEnvironment);
        var shortMask = redactor.Redact("ghp_0123456789abcdefghijABCDEFGHIJ012345");
        var longMask = redactor.Redact(SecretSamples.All.Single(s => s.RuleId == "anthropic-api-key").Snippet);

        Assert.Matches(@"^\[REDACTED:github-pat:[0-9a-f]{8}\]$", shortMask);
        Assert.Matches(@"^\[REDACTED:anthropic-api-key:[0-9a-f]{8}\]$", longMask);
        Assert.DoesNotContain("ghp_", shortMask, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_is_idempotent()
    {
        var redactor = Redactor.Create(NoEnvironment);
        var corpus = string.Join('\n', SecretSamples.All.SelectMany(s => Contexts.All.Select(c => c.Wrap(s.Snippet))));
        var once = redactor.Redact(corpus);
        var hits = redactor.Summary().Hits.Values.Sum();

        Assert.Equal(once, redactor.Redact(once));
        Assert.Equal(hits, redactor.Summary().Hits.Values.Sum());
        Assert.True(Encoding.UTF8.GetByteCount(once) > 0);
    }
}
