using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class ArchiveTests
{
    [Fact]
    public void Export_is_deterministic_and_round_trips_through_import_and_verify()
    {
        using var repo = TempRepo.Create();
        var bundle = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", "echo hi"), repo.Combine(".evidence"));
        var id = (string)bundle.Manifest["run_id"]!;

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "export", "last", "-o", "a.tar.gz").ExitCode);
        Thread.Sleep(1100);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "export", id, "-o", "b.tar.gz").ExitCode);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(repo.Combine("a.tar.gz"))), SHA256.HashData(File.ReadAllBytes(repo.Combine("b.tar.gz"))));

        using var elsewhere = TempRepo.Create();
        Assert.Equal(0, EvidenceCli.Run(elsewhere.Path, "verify", repo.Combine("a.tar.gz")).ExitCode);
        var first = EvidenceCli.Run(elsewhere.Path, "import", repo.Combine("a.tar.gz"));
        var second = EvidenceCli.Run(elsewhere.Path, "import", repo.Combine("a.tar.gz"));

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"imported run {id}", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already in the store", second.Stderr, StringComparison.Ordinal);
        Assert.Single(BundleOnDisk.All(elsewhere.Combine(".evidence")));
        Assert.Equal(0, EvidenceCli.Run(elsewhere.Path, "verify", id).ExitCode);
        Assert.Single(IndexTests.Lines(EvidenceCli.Run(elsewhere.Path, "ls", "--json").Stdout));
        Assert.Equal(bundle.Text("stdout/echo_1.txt"), File.ReadAllText(elsewhere.Combine(".evidence", "runs", id, "stdout", "echo_1.txt")));
    }

    [Theory]
    [InlineData("traversal", "has an absolute or escaping path")]
    [InlineData("absolute", "has an absolute or escaping path")]
    [InlineData("symlink", "is a SymbolicLink")]
    [InlineData("hardlink", "is a HardLink")]
    [InlineData("device", "is a CharacterDevice")]
    [InlineData("duplicate", "appears twice")]
    [InlineData("bomb", "expands to more than 1048576 bytes")]
    [InlineData("tampered", "does not verify")]
    public void Hostile_archives_are_refused_and_leave_nothing_behind(string kind, string expected)
    {
        using var repo = TempRepo.Create();
        var bundle = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "true"), repo.Combine(".evidence"));
        var id = (string)bundle.Manifest["run_id"]!;
        using var target = TempRepo.Create();
        var archive = target.Combine("hostile.tar.gz");
        using (var output = File.Create(archive))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var file in Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories))
            {
                var name = $"{id}/{Path.GetRelativePath(bundle.Path, file)}";
                var bytes = File.ReadAllBytes(file);
                if (kind == "tampered" && name.EndsWith("env.json", StringComparison.Ordinal))
                {
                    bytes[^2] ^= 1;
                }

                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            }

            TarEntry? extra = kind switch
            {
                "traversal" => new PaxTarEntry(TarEntryType.RegularFile, $"{id}/../../planted.txt") { DataStream = new MemoryStream([1]) },
                "absolute" => new PaxTarEntry(TarEntryType.RegularFile, "/tmp/planted.txt") { DataStream = new MemoryStream([1]) },
                "symlink" => new PaxTarEntry(TarEntryType.SymbolicLink, $"{id}/link") { LinkName = "/etc/passwd" },
                "hardlink" => new PaxTarEntry(TarEntryType.HardLink, $"{id}/hard") { LinkName = "/etc/passwd" },
                "device" => new PaxTarEntry(TarEntryType.CharacterDevice, $"{id}/dev") { DeviceMajor = 1, DeviceMinor = 3 },
                "duplicate" => new PaxTarEntry(TarEntryType.RegularFile, $"{id}/env.json") { DataStream = new MemoryStream([1]) },
                "bomb" => new PaxTarEntry(TarEntryType.RegularFile, $"{id}/zeros.bin") { DataStream = new MemoryStream(new byte[3 * 1024 * 1024]) },
                _ => null,
            };
            if (extra is not null)
            {
                tar.WriteEntry(extra);
            }
        }

        var result = EvidenceCli.Run(target.Path, "import", archive, "--max-size", "1MiB");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(BundleOnDisk.All(target.Combine(".evidence")));
        Assert.Empty(Directory.EnumerateFiles(target.Path, "planted.txt", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/planted.txt"));
        Assert.Empty(Directory.GetDirectories(target.Combine(".evidence", "runs", ".staging")));
    }
}
