using System.Text;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

/// <summary>A known secret split between stdout and stderr is masked in both, in either order of arrival.</summary>
public sealed class StreamPairTests
{
    private const string Secret = "split-secret-0123456789abcdef";
    private static readonly Dictionary<string, string> Env = new() { ["DEPLOY_TOKEN"] = Secret };

    public static TheoryData<bool, int> Orders() => new() { { true, 6 }, { false, 6 }, { true, 20 }, { false, 3 } };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Both_halves_are_masked_whichever_stream_holds_which_and_whichever_arrives_first(bool firstHalfOnStdout, int cut)
    {
        var redactor = Redactor.Create(Env);
        var stdout = new TextCapture(int.MaxValue);
        var stderr = new TextCapture(int.MaxValue);
        var (outSink, errSink) = redactor.WrapPair(stdout, stderr);
        var (head, tail) = firstHalfOnStdout ? (outSink, errSink) : (errSink, outSink);

        head.Write(Encoding.ASCII.GetBytes("using " + Secret[..cut]));
        tail.Write(Encoding.ASCII.GetBytes(Secret[cut..] + " for upload\n"));
        head.Write("\nnext line\n"u8);
        outSink.Complete();
        errSink.Complete();

        foreach (var text in new[] { stdout.Text, stderr.Text })
        {
            Assert.DoesNotContain(Secret[..cut], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret[cut..], text, StringComparison.Ordinal);
            Assert.Contains("[REDACTED:env-value:", text, StringComparison.Ordinal);
        }

        Assert.EndsWith("next line\n", (firstHalfOnStdout ? stdout : stderr).Text, StringComparison.Ordinal);
        Assert.EndsWith(" for upload\n", (firstHalfOnStdout ? stderr : stdout).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_half_arriving_first_is_still_masked_when_the_first_half_follows()
    {
        var redactor = Redactor.Create(Env);
        var stdout = new TextCapture(int.MaxValue);
        var stderr = new TextCapture(int.MaxValue);
        var (outSink, errSink) = redactor.WrapPair(stdout, stderr);

        // The pipes delivered stderr's part before stdout's, although the child wrote stdout's first, and a flush came
        // in between: the line that may finish a known value waits for the stream's end.
        errSink.Write(Encoding.ASCII.GetBytes(Secret[10..] + "\n"));
        errSink.Flush();
        Assert.Equal(string.Empty, stderr.Text);
        outSink.Write(Encoding.ASCII.GetBytes("token " + Secret[..10]));
        outSink.Complete();
        errSink.Complete();

        Assert.DoesNotContain(Secret[10..], stderr.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret[..10], stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrelated_output_on_both_streams_is_left_alone()
    {
        var redactor = Redactor.Create(Env);
        var stdout = new TextCapture(int.MaxValue);
        var stderr = new TextCapture(int.MaxValue);
        var (outSink, errSink) = redactor.WrapPair(stdout, stderr);

        outSink.Write("progress: split-"u8);
        errSink.Write("warning: something else\n"u8);
        errSink.Flush();
        Assert.Equal("warning: something else\n", stderr.Text);
        outSink.Write("done\n"u8);
        outSink.Complete();
        errSink.Complete();

        Assert.Equal("progress: split-done\n", stdout.Text);
        Assert.Equal("warning: something else\n", stderr.Text);
    }
}
