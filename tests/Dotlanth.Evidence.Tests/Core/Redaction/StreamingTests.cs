using System.Text;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

public sealed class StreamingTests
{
    private static readonly Dictionary<string, string> Env = new() { ["DEPLOY_TOKEN"] = "known-deploy-value-0123456789" };

    /// <summary>Every sample in a few contexts, CRLF and ANSI included, a multi-line key and the known value.</summary>
    private static byte[] Corpus()
    {
        var text = new StringBuilder();
        foreach (var sample in SecretSamples.All)
        {
            text.Append(Contexts.All[(sample.RuleId.Length * 7) % Contexts.All.Count].Wrap(sample.Snippet));
        }

        text.Append("-----BEGIN EC PRIVATE KEY-----\r\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oWj0l6FfA2J4oAoGCCqGSM49\r\n-----END EC PRIVATE KEY-----\r\n");
        text.Append("\u001b[31mknown-deploy-value-0123456789\u001b[0m\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public void Every_two_way_split_gives_the_same_output()
    {
        var redactor = Redactor.Create(Env);
        var input = Corpus();
        var expected = Run(redactor, [input]);
        for (var cut = 0; cut <= input.Length; cut += 1)
        {
            Assert.Equal(expected, Run(redactor, [input[..cut], input[cut..]]));
        }

        AssertNoSecret(expected);
    }

    [Fact]
    public void Byte_by_byte_and_random_splits_give_the_same_output()
    {
        var redactor = Redactor.Create(Env);
        var input = Corpus();
        var expected = Run(redactor, [input]);
        Assert.Equal(expected, Run(redactor, input.Select(b => new[] { b })));
        var random = new Random(2026);
        for (var round = 0; round < 100; round++)
        {
            Assert.Equal(expected, Run(redactor, RandomSplit(input, random, random.Next(2, 200))));
        }
    }

    [Fact]
    public void Flushing_at_any_moment_changes_nothing_and_passes_on_whole_lines()
    {
        var redactor = Redactor.Create(Env);
        var input = Corpus();
        var expected = Run(redactor, [input]);
        var random = new Random(1121);
        for (var round = 0; round < 50; round++)
        {
            var sink = new TextCapture(int.MaxValue);
            var wrapped = redactor.Wrap(sink);
            var written = 0;
            foreach (var chunk in RandomSplit(input, random, random.Next(2, 400)))
            {
                wrapped.Write(chunk);
                written += chunk.Length;
                if (random.Next(4) == 0)
                {
                    wrapped.Flush();
                    // What a flush passes on is final: the finished output starts with it.
                    var soFar = sink.Bytes.ToArray();
                    Assert.Equal(Encoding.UTF8.GetString(expected.AsSpan(0, soFar.Length)), Encoding.UTF8.GetString(soFar));
                    var text = Encoding.UTF8.GetString(input, 0, written);
                    if (!text.Contains("-----BEGIN", StringComparison.Ordinal) && text.Contains('\n', StringComparison.Ordinal))
                    {
                        Assert.NotEmpty(soFar);
                    }
                }
            }

            wrapped.Complete();
            Assert.Equal(expected, sink.Bytes.ToArray());
        }
    }

    [Fact]
    public void Secrets_on_window_cuts_of_a_huge_line_are_found_whatever_the_chunking()
    {
        // One line of about 300 KiB without a newline, with secrets around every 64 KiB window edge.
        var redactor = Redactor.Create(Env);
        var line = new StringBuilder();
        var secrets = new List<string>();
        for (var i = 0; line.Length < 300_000; i++)
        {
            line.Append('x', 32 * 1024 - 20 - (i % 40));
            var secret = $"ghp_{i:D6}abcdefghijABCDEFGHIJ0123456789"[..40];
            secrets.Add(secret);
            line.Append(' ').Append(secret).Append(' ');
        }

        var input = Encoding.ASCII.GetBytes(line.ToString());
        var expected = Run(redactor, [input]);
        var output = Encoding.ASCII.GetString(expected);
        Assert.All(secrets, s => Assert.DoesNotContain(s, output, StringComparison.Ordinal));
        var random = new Random(7);
        for (var round = 0; round < 10; round++)
        {
            Assert.Equal(expected, Run(redactor, RandomSplit(input, random, random.Next(1, 100_000))));
        }
    }

    [Fact]
    public void Binary_data_and_invalid_utf8_pass_through_byte_for_byte()
    {
        var redactor = Redactor.Create(Env);
        var data = new byte[200_000];
        new Random(5).NextBytes(data);
        data[0] = 0xC3;
        data[1] = 0x28;

        Assert.Equal(data, Run(redactor, RandomSplit(data, new Random(6), 50)));
    }

    [Fact]
    public void Stdout_and_stderr_are_redacted_independently_and_concurrently()
    {
        var redactor = Redactor.Create(Env);
        var input = Corpus();
        var expected = Run(redactor, [input]);
        var results = new byte[2][];
        Parallel.For(0, 2, i => results[i] = Run(redactor, RandomSplit(input, new Random(i), 300)));

        Assert.Equal(expected, results[0]);
        Assert.Equal(expected, results[1]);
    }

    [Fact]
    public void Input_built_to_exhaust_a_rule_is_masked_whole_rather_than_written_raw()
    {
        var redactor = Redactor.Create(new Dictionary<string, string>());
        var hostile = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("pwd;password=", 3000)));

        var output = Encoding.ASCII.GetString(Run(redactor, [hostile]));

        // The first 32 KiB window needed more attempts than any log does: it is masked as one; the short rest is ordinary.
        Assert.StartsWith("[REDACTED:redaction-limit:", output, StringComparison.Ordinal);
        Assert.DoesNotContain(string.Concat(Enumerable.Repeat("pwd;password=", 100)), output, StringComparison.Ordinal);
        Assert.Equal(1, redactor.Summary().Hits["redaction-limit"]);
    }

    private static void AssertNoSecret(byte[] output)
    {
        var text = Encoding.UTF8.GetString(output);
        foreach (var sample in SecretSamples.All)
        {
            Assert.DoesNotContain(sample.Secret, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("known-deploy-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MHcCAQEEIBkg4LVWM9", text, StringComparison.Ordinal);
    }

    internal static List<byte[]> RandomSplit(byte[] input, Random random, int maxChunk)
    {
        var chunks = new List<byte[]>();
        for (var pos = 0; pos < input.Length;)
        {
            var size = Math.Min(random.Next(1, maxChunk + 1), input.Length - pos);
            chunks.Add(input[pos..(pos + size)]);
            pos += size;
        }

        return chunks;
    }

    [Fact]
    public void A_key_block_is_masked_wherever_its_marker_falls_against_the_vector_width_and_beside_dash_rules()
    {
        // Longer than a window, so each marker is alone in the window that holds it.
        var body = string.Concat(Enumerable.Range(0, 700).Select(i => $"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC{i:D5}\n"));
        var redactor = Redactor.Create(new Dictionary<string, string>());
        for (var pad = 0; pad < 40; pad++)
        {
            // Dash runs that are not markers ("----- B", a rule line) sit before the block at every offset too.
            var text = new string('x', pad) + " ----- B --------------------\n"
                + new string('y', pad) + "-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----\nafter\n";
            var output = Encoding.UTF8.GetString(Run(redactor, [Encoding.UTF8.GetBytes(text)]));
            Assert.DoesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC", output, StringComparison.Ordinal);
            Assert.Contains(" ----- B ----", output, StringComparison.Ordinal);
            Assert.EndsWith("after\n", output, StringComparison.Ordinal);
        }
    }

    internal static byte[] Run(Redactor redactor, IEnumerable<byte[]> chunks)
    {
        var sink = new TextCapture(int.MaxValue);
        var wrapped = redactor.Wrap(sink);
        foreach (var chunk in chunks)
        {
            wrapped.Write(chunk);
        }

        wrapped.Complete();
        return sink.Bytes.ToArray();
    }
}
