using System.Security.Cryptography;
using System.Text;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class CaptureTests
{
    [Fact]
    public void Output_redirected_to_a_file_is_not_overwritten_by_what_the_shell_writes_after_the_tool()
    {
        using var repo = TempRepo.Create();
        // A CI script's '{ ...; } > log': the tool, the command through it and the shell all write to one open file.
        var script = $"{{ {EvidenceCli.ShellCommand} run -- sh -c 'echo first; echo err >&2'; echo second; }} > log.txt 2>&1";

        var shell = Processes.Run("sh", ["-c", script], repo.Path);

        Assert.Equal(0, shell.ExitCode);
        var lines = File.ReadAllLines(repo.Combine("log.txt"));
        Assert.Equal("first", lines[0]);
        Assert.Equal("err", lines[1]);
        Assert.StartsWith("dotnet-evidence: verified run ", lines[2], StringComparison.Ordinal);
        Assert.Equal("second", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Hundred_megabytes_of_output_are_bounded_with_exact_totals_and_hash()
    {
        using var folder = new TempFolder();
        const long total = 100_000_000;
        var result = EvidenceCli.Run(
            folder.Path,
            ["run", "--name", "flood", "--", "sh", "-c", $"yes abcdefghij | head -c {total}"],
            timeoutSeconds: 300);

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        var stdout = bundle.Check()["stdout"]!;
        Assert.Equal(total, (long)stdout["bytes_total"]!);
        Assert.Equal(65536, (long)stdout["bytes_kept"]!);
        Assert.True((bool)stdout["truncated"]!);
        Assert.Equal(ExpectedYesHash(total), (string)stdout["sha256"]!);

        var kept = bundle.Bytes("stdout/flood_1.txt");
        Assert.True(kept.Length < 65536 + 200, $"kept {kept.Length} bytes");
        var text = Encoding.ASCII.GetString(kept);
        Assert.StartsWith("abcdefghij\nabcdefghij\n", text, StringComparison.Ordinal);
        Assert.Contains($"[dotnet-evidence: {total - 65536} bytes omitted here; kept the first 32768 and the last 32768 of {total} bytes]", text, StringComparison.Ordinal);
        var tail = ExpectedYesBytes(total)[^32768..];
        Assert.True(kept.AsSpan()[^32768..].SequenceEqual(tail));
    }

    [Fact]
    public void Binary_output_and_invalid_utf8_are_kept_byte_for_byte()
    {
        using var folder = new TempFolder();
        var data = new byte[8192];
        new Random(7).NextBytes(data);
        data[0] = 0xff;
        data[1] = 0xfe;
        data[2] = 0x00;
        File.WriteAllBytes(folder.Combine("blob.bin"), data);

        var result = EvidenceCli.Run(folder.Path, "run", "--", "cat", "blob.bin");

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Equal(data, bundle.Bytes("stdout/cat_1.txt"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), (string)bundle.Check()["stdout"]!["sha256"]!);
    }

    [Fact]
    public void A_long_line_without_newline_is_bounded()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--max-output", "4KiB", "--", "sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' x");

        Assert.Equal(0, result.ExitCode);
        var stdout = BundleOnDisk.Only(folder.Combine(".evidence")).Check()["stdout"]!;
        Assert.Equal(3_000_000, (long)stdout["bytes_total"]!);
        Assert.Equal(4096, (long)stdout["bytes_kept"]!);
    }

    private static string ExpectedYesHash(long total) => Convert.ToHexStringLower(SHA256.HashData(ExpectedYesBytes(total)));

    private static byte[] ExpectedYesBytes(long total)
    {
        var line = "abcdefghij\n"u8;
        var bytes = new byte[total];
        for (long i = 0; i < total; i++)
        {
            bytes[i] = line[(int)(i % line.Length)];
        }

        return bytes;
    }
}
