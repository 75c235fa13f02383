using System.Text;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

public sealed class RedactorTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["GITHUB_TOKEN"] = "ghp_abcdefghijklmnop1234",
        ["DB_PASSWORD"] = "correct-horse-battery",
        ["SHORT_SECRET"] = "abc",
        ["BUILD_NUMBER"] = "not-a-secret-at-all",
        ["OVERLAP_KEY"] = "correct-horse",
    };

    [Fact]
    public void Sensitive_values_are_replaced_with_fixed_length_tags_and_others_kept()
    {
        var redactor = Redactor.Create(Env);
        var output = redactor.Redact("token=ghp_abcdefghijklmnop1234 pw=correct-horse-battery build=not-a-secret-at-all abc");

        Assert.Matches(@"^token=\[REDACTED:env-value:[0-9a-f]{8}\] pw=\[REDACTED:env-value:[0-9a-f]{8}\] build=not-a-secret-at-all abc$", output);
        Assert.Equal(2, redactor.Summary().Hits["env-value"]);
        Assert.Equal(1, redactor.Summary().DroppedShortValues);
    }

    [Fact]
    public void The_longest_value_wins_where_two_start_at_the_same_place()
    {
        var redactor = Redactor.Create(Env);
        Assert.Equal(redactor.Token("env-value", "correct-horse-battery") + "!", redactor.Redact("correct-horse-battery!"));
        Assert.Equal(redactor.Token("env-value", "correct-horse") + "-staple", redactor.Redact("correct-horse-staple"));
    }

    [Fact]
    public void Equal_secrets_share_a_tag_in_one_redactor_and_not_across_redactors()
    {
        var first = Redactor.Create(Env);
        var second = Redactor.Create(Env);
        Assert.Equal(first.Token("env-value", "x-secret-1"), first.Token("env-value", "x-secret-1"));
        Assert.NotEqual(first.Token("env-value", "x-secret-1"), second.Token("env-value", "x-secret-1"));
        Assert.NotEqual(first.Token("env-value", "x-secret-1"), first.Token("env-value", "x-secret-2"));
    }

    [Fact]
    public void Streaming_output_is_identical_for_every_two_way_split()
    {
        var redactor = Redactor.Create(Env);
        var input = Encoding.UTF8.GetBytes("a ghp_abcdefghijklmnop1234\r\n\u001b[31mcorrect-horse-battery\u001b[0m correct-horse ghp_abcdefghijklmnop12");
        var expected = Stream(redactor, [input]);
        Assert.Equal(Encoding.UTF8.GetBytes(redactor.Redact(Encoding.UTF8.GetString(input))), expected);
        for (var cut = 0; cut <= input.Length; cut++)
        {
            Assert.Equal(expected, Stream(redactor, [input[..cut], input[cut..]]));
        }
    }

    [Fact]
    public void Streaming_output_is_identical_byte_by_byte_and_for_random_splits()
    {
        var redactor = Redactor.Create(Env);
        var random = new Random(1234);
        var builder = new StringBuilder();
        string[] pieces = ["ghp_abcdefghijklmnop1234", "correct-horse", "correct-horse-battery", "noise ", "\n", "ghp_abc", "correct-"];
        for (var i = 0; i < 400; i++)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
        }

        var input = Encoding.UTF8.GetBytes(builder.ToString());
        var expected = Stream(redactor, [input]);
        Assert.Equal(expected, Stream(redactor, [.. input.Select(b => new[] { b })]));
        for (var round = 0; round < 50; round++)
        {
            var chunks = new List<byte[]>();
            var pos = 0;
            while (pos < input.Length)
            {
                var size = Math.Min(random.Next(1, 64), input.Length - pos);
                chunks.Add(input[pos..(pos + size)]);
                pos += size;
            }

            Assert.Equal(expected, Stream(redactor, chunks));
        }

        Assert.DoesNotContain("ghp_abcdefghijklmnop1234", Encoding.UTF8.GetString(expected), StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_line_values_are_also_masked_line_by_line()
    {
        var redactor = Redactor.Create(new Dictionary<string, string>
        {
            ["SIGNING_KEY"] = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----",
        });

        var output = redactor.Redact("log: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        Assert.DoesNotContain("MIIEvQ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("npm_config__authToken", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("DB_PASS", true)]
    [InlineData("AZURE_DEVOPS_PAT", true)]
    [InlineData("Credentials", true)]
    [InlineData("PATH", false)]
    [InlineData("HOME", false)]
    [InlineData("PWD", false)]
    [InlineData("DOTNET_ROOT", false)]
    public void Sensitive_names_are_recognised_case_insensitively(string name, bool sensitive) =>
        Assert.Equal(sensitive, SensitiveNames.IsSensitive(name));

    [Theory]
    [InlineData("{\"subject\":\"../../etc/passwd\",\"message\":\"fs.read is outside the repository\"}")]
    [InlineData("{\"path\":\"secrets/token\",\"size\":12}")]
    [InlineData("{\"kind\": \"password\", \"next\": \"field\"}")]
    public void A_sensitive_word_ending_a_path_or_a_json_value_is_no_name_value_pair(string json)
    {
        Assert.Equal(json, Redactor.Create(new Dictionary<string, string>()).Redact(json));
    }

    [Fact]
    public void A_sensitive_name_as_its_own_list_item_still_masks_the_item_after_it()
    {
        var output = Redactor.Create(new Dictionary<string, string>()).Redact("args: [\"DB_PASSWORD\", \"Xq7wPz93kLmN2vB\"]");

        Assert.DoesNotContain("Xq7wPz93kLmN2vB", output, StringComparison.Ordinal);
    }

    private static byte[] Stream(Redactor redactor, IEnumerable<byte[]> chunks) => StreamingTests.Run(redactor, chunks);
}
