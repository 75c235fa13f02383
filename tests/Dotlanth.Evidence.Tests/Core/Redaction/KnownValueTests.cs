using System.Text;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

public sealed class KnownValueTests
{
    private const string Secret = "pr0d-DB-p@ss/w0rd+2026";
    private static readonly Dictionary<string, string> Env = new() { ["DATABASE_PASSWORD"] = Secret };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Base64_forms_are_masked_at_every_alignment_inside_a_longer_stream(int prefixLength)
    {
        var redactor = Redactor.Create(Env);
        var prefix = new string('p', prefixLength);
        foreach (var suffix in new[] { string.Empty, "s", "suffix-bytes" })
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix + "user:" + Secret + suffix));
            var output = redactor.Redact($"Authorization header was {encoded} ok");

            Assert.Contains("[REDACTED:env-value:", output, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret))[4..16], output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Padded_unpadded_and_url_safe_base64_are_masked()
    {
        var redactor = Redactor.Create(Env);
        var standard = Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret));
        foreach (var form in new[] { standard, standard.TrimEnd('='), standard.Replace('+', '-').Replace('/', '_').TrimEnd('=') })
        {
            Assert.Matches(@"^x \[REDACTED:env-value:[0-9a-f]{8}\] y$", redactor.Redact($"x {form} y"));
        }
    }

    [Fact]
    public void Url_encoded_and_json_escaped_forms_are_masked()
    {
        var redactor = Redactor.Create(Env);
        Assert.DoesNotContain("p%40ss", redactor.Redact($"GET /login?pw={Uri.EscapeDataString(Secret)}&x=1"), StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", redactor.Redact(System.Text.Json.JsonSerializer.Serialize(new { pw = Secret })), StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", redactor.Redact("{\"pw\": \"pr0d-DB-p@ss\\/w0rd+2026\"}".Replace("\\/", "/", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_line_values_are_masked_line_by_line()
    {
        var redactor = Redactor.Create(new Dictionary<string, string> { ["SIGNING_KEY"] = "line-one-abcdef\nline-two-ghijkl\nline-three-mnop" });
        var output = redactor.Redact("got line-two-ghijkl and line-three-mnop");

        Assert.DoesNotContain("line-two", output, StringComparison.Ordinal);
        Assert.DoesNotContain("line-three", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_known_values_are_masked_like_environment_ones()
    {
        var redactor = Redactor.Create(new Dictionary<string, string>(), new RedactionOptions { KnownValues = ["license-4242-XYZW"] });
        Assert.Matches(@"^id \[REDACTED:known-value:[0-9a-f]{8}\]$", redactor.Redact("id license-4242-XYZW"));
    }
}
