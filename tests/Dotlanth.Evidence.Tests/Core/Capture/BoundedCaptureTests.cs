using System.Security.Cryptography;
using System.Text;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Capture;

public sealed class BoundedCaptureTests
{
    [Fact]
    public void Output_within_the_limit_is_kept_whole()
    {
        using var folder = new TempFolder();
        var data = Encoding.ASCII.GetBytes("hello\nworld\n");
        var stats = Capture(folder.Combine("out.txt"), 64, [data]);

        Assert.Equal(data, File.ReadAllBytes(folder.Combine("out.txt")));
        Assert.Equal(new CaptureStats(data.Length, data.Length, false, Hash(data)), stats);
    }

    [Fact]
    public void A_flush_puts_the_tail_so_far_on_disk_and_the_final_file_is_the_same_as_without_flushes()
    {
        using var folder = new TempFolder();
        var data = Enumerable.Range(0, 5_000).Select(i => (byte)('a' + (i % 26))).ToArray();
        var plain = Capture(folder.Combine("plain.txt"), 100, [data]);

        using var flushed = new BoundedCapture(folder.Combine("flushed.txt"), 100);
        flushed.Write(data.AsSpan(0, 3_000));
        flushed.Flush();
        var midway = File.ReadAllBytes(folder.Combine("flushed.txt"));
        Assert.Equal(data[..50], midway[..50]);
        Assert.Equal(data[2_950..3_000], midway[^50..]);
        Assert.Contains("2900 bytes omitted", Encoding.ASCII.GetString(midway), StringComparison.Ordinal);
        flushed.Write(data.AsSpan(3_000));
        flushed.Complete();

        Assert.Equal(File.ReadAllBytes(folder.Combine("plain.txt")), File.ReadAllBytes(folder.Combine("flushed.txt")));
        Assert.Equal(plain, flushed.Stats);
    }

    [Fact]
    public void Output_at_exactly_the_limit_is_not_truncated()
    {
        using var folder = new TempFolder();
        var data = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var stats = Capture(folder.Combine("out.txt"), 64, [data[..10], data[10..]]);

        Assert.False(stats.Truncated);
        Assert.Equal(data, File.ReadAllBytes(folder.Combine("out.txt")));
    }

    [Fact]
    public void Long_output_keeps_head_and_tail_around_a_marker_whatever_the_chunking()
    {
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)('a' + (i % 26))).ToArray();
        var random = new Random(99);
        for (var round = 0; round < 20; round++)
        {
            using var folder = new TempFolder();
            var chunks = new List<byte[]>();
            for (var pos = 0; pos < data.Length;)
            {
                var size = Math.Min(random.Next(1, 700), data.Length - pos);
                chunks.Add(data[pos..(pos + size)]);
                pos += size;
            }

            var stats = Capture(folder.Combine("out.txt"), 1000, chunks);

            Assert.Equal(new CaptureStats(10_000, 1000, true, Hash(data)), stats);
            var kept = File.ReadAllBytes(folder.Combine("out.txt"));
            Assert.Equal(data[..500], kept[..500]);
            Assert.Equal(data[^500..], kept[^500..]);
            Assert.Contains("[dotnet-evidence: 9000 bytes omitted here; kept the first 500 and the last 500 of 10000 bytes]", Encoding.ASCII.GetString(kept), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_zero_limit_keeps_nothing_but_still_counts_and_hashes()
    {
        using var folder = new TempFolder();
        var data = new byte[] { 1, 2, 3 };
        var stats = Capture(folder.Combine("out.txt"), 0, [data]);

        Assert.Equal(new CaptureStats(3, 0, true, Hash(data)), stats);
    }

    private static CaptureStats Capture(string path, long limit, IEnumerable<byte[]> chunks)
    {
        using var capture = new BoundedCapture(path, limit);
        foreach (var chunk in chunks)
        {
            capture.Write(chunk);
        }

        capture.Complete();
        return capture.Stats;
    }

    private static string Hash(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
