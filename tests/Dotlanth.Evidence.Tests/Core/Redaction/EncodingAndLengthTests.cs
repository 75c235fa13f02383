using System.Text;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

/// <summary>UTF-16 output, values longer than any pattern's bound, and the generated corpus under every chunking.</summary>
public sealed class EncodingAndLengthTests
{
    private static readonly Dictionary<string, string> Env = new() { ["DEPLOY_TOKEN"] = "known-deploy-value-0123456789" };

    public static TheoryData<string> Utf16Encodings() => ["utf-16le", "utf-16be"];

    [Theory]
    [MemberData(nameof(Utf16Encodings))]
    public void Utf16_text_is_redacted_by_rules_and_known_values_and_keeps_its_encoding(string name)
    {
        var encoding = name == "utf-16le" ? Encoding.Unicode : Encoding.BigEndianUnicode;
        var text = "build started\r\nexport API_TOKEN=Zx9kQ27vLm3WqT8p\r\nusing ghp_0123456789abcdefghijABCDEFGHIJ012345 and known-deploy-value-0123456789\r\ndone\r\n";
        var input = encoding.GetBytes(text);
        var redactor = Redactor.Create(Env);
        var expected = StreamingTests.Run(redactor, [input]);

        var output = encoding.GetString(expected);

        Assert.DoesNotContain("Zx9kQ27vLm3WqT8p", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_0123456789", output, StringComparison.Ordinal);
        Assert.DoesNotContain("known-deploy-value", output, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:github-pat:", output, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:env-value:", output, StringComparison.Ordinal);
        Assert.StartsWith("build started\r\nexport API_TOKEN=[REDACTED:", output, StringComparison.Ordinal);
        Assert.EndsWith("\r\ndone\r\n", output, StringComparison.Ordinal);
        // The same secret gets the same tag in UTF-16 as in UTF-8.
        Assert.Contains(redactor.Token("github-pat", "ghp_0123456789abcdefghijABCDEFGHIJ012345"), output, StringComparison.Ordinal);
        var random = new Random(16);
        for (var round = 0; round < 30; round++)
        {
            Assert.Equal(expected, StreamingTests.Run(redactor, StreamingTests.RandomSplit(input, random, random.Next(1, 40))));
        }
    }

    [Theory]
    [InlineData(600)]
    [InlineData(5_000)]
    [InlineData(40_000)]
    public void A_value_of_any_length_is_masked_whole(int length)
    {
        var random = new Random(length);
        var value = SecretFamilies.Mixed(random, length);
        var jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ" + SecretFamilies.Mixed(random, length) + "." + SecretFamilies.Mixed(random, 43);
        var text = $"db_password = \"{value}\"\nAuthorization: Bearer {jwt}\n{{\"access_token\": \"{jwt}\", \"n\": 1}}\ntoken={value} tail\n";
        var redactor = Redactor.Create(new Dictionary<string, string>());
        var input = Encoding.ASCII.GetBytes(text);
        var expected = StreamingTests.Run(redactor, [input]);
        var output = Encoding.ASCII.GetString(expected);

        foreach (var secret in new[] { value, jwt })
        {
            for (var i = 0; i + 16 <= secret.Length; i += 997)
            {
                Assert.DoesNotContain(secret.Substring(i, 16), output, StringComparison.Ordinal);
            }
        }

        Assert.EndsWith("\", \"n\": 1}\ntoken=" + output.Split("token=")[^1].Split(' ')[0] + " tail\n", output, StringComparison.Ordinal);
        Assert.Equal(expected, StreamingTests.Run(redactor, StreamingTests.RandomSplit(input, random, 7_000)));
    }

    [Fact]
    public void The_generated_corpus_gives_the_same_output_however_it_is_chunked_and_leaks_nothing()
    {
        var cases = SecretCorpus.Make(77);
        var input = Encoding.UTF8.GetBytes(string.Concat(cases.Select(c => c.Text)));
        var redactor = Redactor.Create(Env);
        var expected = StreamingTests.Run(redactor, [input]);
        var output = Encoding.UTF8.GetString(expected);

        Assert.All(cases.Where(c => !c.IsNegative), c => Assert.False(c.Leaks(output), $"{c.Family} in {c.Context}"));
        var random = new Random(3);
        for (var round = 0; round < 20; round++)
        {
            Assert.Equal(expected, StreamingTests.Run(redactor, StreamingTests.RandomSplit(input, random, random.Next(1, 5_000))));
        }
    }

    [Fact]
    public void A_value_before_its_name_is_masked_wherever_a_window_ends_or_a_flush_comes()
    {
        const string secret = "vAlu3F1rstS3cret99";
        var pair = $"  {{\n    \"value\": \"{secret}\",\n    \"name\": \"API_KEY\"\n  }},\n";
        var redactor = Redactor.Create(new Dictionary<string, string>());
        for (var filler = 32 * 1024 - 400; filler < 32 * 1024 + 100; filler += 37)
        {
            // Filler lines put the window's end at every place around the pair.
            var text = new StringBuilder();
            while (text.Length < filler)
            {
                text.Append("log line ").Append(text.Length).Append('\n');
            }

            var input = Encoding.ASCII.GetBytes(text + pair + "done\n");
            var output = Encoding.ASCII.GetString(StreamingTests.Run(redactor, [input]));
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);

            // A flush after every line decides nothing early either.
            var sink = new Dotlanth.Evidence.Capture.TextCapture(int.MaxValue);
            var wrapped = redactor.Wrap(sink);
            foreach (var line in Encoding.ASCII.GetString(input).Split('\n'))
            {
                wrapped.Write(Encoding.ASCII.GetBytes(line + "\n"));
                wrapped.Flush();
            }

            wrapped.Complete();
            Assert.DoesNotContain(secret, sink.Text, StringComparison.Ordinal);
        }
    }
}
