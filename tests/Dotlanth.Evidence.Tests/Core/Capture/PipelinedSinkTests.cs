using System.Security.Cryptography;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Capture;

public sealed class PipelinedSinkTests
{
    [Fact]
    public void Many_blocks_in_odd_sized_chunks_arrive_whole_and_in_order_and_the_totals_are_final_after_complete()
    {
        using var folder = new TempFolder();
        var data = new byte[(5 * PipelinedSink.BlockSize) + 12_345];
        new Random(7).NextBytes(data);
        using var capture = new BoundedCapture(folder.Combine("out.bin"), data.Length);
        using var sink = new PipelinedSink(capture);
        for (var at = 0; at < data.Length;)
        {
            var size = Math.Min(data.Length - at, 1 + (at % 70_001));
            sink.Write(data.AsSpan(at, size));
            at += size;
            if (at % 3 == 0)
            {
                sink.Flush();
            }
        }

        sink.Complete();

        Assert.Equal(data, File.ReadAllBytes(folder.Combine("out.bin")));
        Assert.Equal(data.Length, capture.Stats.BytesTotal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), capture.Stats.Sha256);
    }

    [Fact]
    public void A_flush_reaches_the_file_without_complete()
    {
        using var folder = new TempFolder();
        using var capture = new BoundedCapture(folder.Combine("out.txt"), 1 << 20);
        using var sink = new PipelinedSink(capture);
        sink.Write("first line\n"u8);
        sink.Flush();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (File.ReadAllText(folder.Combine("out.txt")) != "first line\n" && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Equal("first line\n", File.ReadAllText(folder.Combine("out.txt")));
        sink.Complete();
    }

    [Fact]
    public void A_downstream_that_throws_is_reported_to_the_writer_and_never_blocks_it()
    {
        var sink = new PipelinedSink(new ThrowingSink());
        var block = new byte[PipelinedSink.BlockSize];
        var thrown = Record.Exception(() =>
        {
            // Far more blocks than the queue holds: a stopped consumer would block here forever.
            for (var i = 0; i < 50; i++)
            {
                sink.Write(block);
            }

            sink.Complete();
        });

        Assert.IsType<IOException>(thrown);
        sink.Dispose();
    }

    private sealed class ThrowingSink : IOutputSink
    {
        public void Write(ReadOnlySpan<byte> chunk) => throw new IOException("No space left on device");

        public void Complete()
        {
        }
    }
}
