using System.Text;
using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Tests.Core.Capture;

/// <summary>The plain text a terminal showed, from the bytes a program wrote to it.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m plain\r\n", "red plain\n")]
    [InlineData("10%\r50%\r100%\n", "100%\n")]
    [InlineData("abc\b\bx\n", "ax\n")]
    [InlineData("\u001b]0;window title\u0007after\n", "after\n")]
    [InlineData("\u001b]8;;https://example.com\u001b\\link\u001b]8;;\u001b\\\n", "link\n")]
    [InlineData("⠙\u001b[1G\u001b[0Kdone\n", "done\n")]
    [InlineData("\u001b[?1049h\u001b[3;5Hdrawn\u001b[5;1Hbelow\u001b[?1049l", "drawn\nbelow\n")]
    [InlineData("\u001b(B\u001b=\u001b[?1h\u0007bell\n", "bell\n")]
    [InlineData("tab\there\n", "tab\there\n")]
    [InlineData("no newline at the end", "no newline at the end")]
    public void Control_sequences_go_and_what_stayed_on_screen_remains(string written, string shown)
    {
        Assert.Equal(shown, Shown(Encoding.UTF8.GetBytes(written), chunk: int.MaxValue));
    }

    [Fact]
    public void A_sequence_split_across_chunks_is_still_removed()
    {
        var bytes = Encoding.UTF8.GetBytes("\u001b[38;5;196mcolour\u001b[0m é\r\n");

        for (var chunk = 1; chunk <= 4; chunk++)
        {
            Assert.Equal("colour é\n", Shown(bytes, chunk));
        }
    }

    private static string Shown(byte[] written, int chunk)
    {
        var collected = new Collected();
        var sink = new TerminalTextSink(collected);
        for (var at = 0; at < written.Length; at += chunk)
        {
            sink.Write(written.AsSpan(at, Math.Min(chunk, written.Length - at)));
        }

        sink.Complete();
        return Encoding.UTF8.GetString(collected.Bytes.ToArray());
    }

    private sealed class Collected : IOutputSink
    {
        public MemoryStream Bytes { get; } = new();

        public void Write(ReadOnlySpan<byte> chunk) => Bytes.Write(chunk);

        public void Complete()
        {
        }
    }
}
