using System.Runtime.InteropServices;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Hostile;

/// <summary>fs.read and fs.write stay inside the repository while something races them, and never block on a FIFO.</summary>
public sealed partial class ProgramContainmentTests
{
    private const uint RenameExchange = 2;

    [Fact]
    public void Fs_write_never_lands_outside_while_a_folder_is_swapped_for_a_link()
    {
        using var outside = new TempFolder();
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nbudgets: {max_steps: 4000}\n");
        repo.Write("sub/keep.txt", "inside");
        Directory.CreateSymbolicLink(repo.Combine("link"), outside.Path);
        repo.Write("agent.dasm", """
            .abi 1
            .cap fs.write "**"
                const r1, "sub/planted.txt"
                const r2, "x"
            loop:
                syscall r3, fs.write, r1, r2
                jmp loop
            """);
        using var stop = new CancellationTokenSource();
        var swaps = 0;
        var failedSwaps = 0;
        var swapper = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                failedSwaps += renameat2(-100, repo.Combine("sub"), -100, repo.Combine("link"), RenameExchange) == 0 ? 0 : 1;
                swaps++;
            }
        });
        swapper.Start();

        var result = EvidenceCli.Run(repo.Path, ["exec", "agent.dasm"], timeoutSeconds: 120);
        stop.Cancel();
        swapper.Join();
        Assert.Equal(0, failedSwaps);

        Assert.True(swaps > 100, $"only {swaps} swaps happened");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
        Assert.NotEqual(0, result.ExitCode);
        var trace = BundleOnDisk.Of(result, repo.Combine(".evidence")).Lines("trace.jsonl");
        // Which check sees the link first depends on the race: the capability check (EVD0310) or the open (EVD0311).
        Assert.Contains(trace, e => ((string?)e["error"]?["code"]) is "EVD0310" or "EVD0311");
    }

    [Fact]
    public void An_open_beneath_the_folder_never_follows_a_swapped_in_link()
    {
        using var outside = new TempFolder();
        using var root = new TempFolder();
        root.Write("sub/keep.txt", "inside");
        Directory.CreateSymbolicLink(root.Combine("link"), outside.Path);
        using var stop = new CancellationTokenSource();
        var failedSwaps = 0;
        var swapper = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                failedSwaps += renameat2(-100, root.Combine("sub"), -100, root.Combine("link"), RenameExchange) == 0 ? 0 : 1;
            }
        });
        swapper.Start();
        int written = 0, refused = 0;
        for (var i = 0; i < 20_000; i++)
        {
            try
            {
                using var handle = Values.BeneathFiles.OpenWrite(root.Path, "sub/planted.txt");
                written++;
            }
            catch (Values.PathRefusedException refusal) when (refusal.Kind == Values.FileKind.Link)
            {
                refused++;
            }
        }

        stop.Cancel();
        swapper.Join();
        Assert.Equal(0, failedSwaps);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
        Assert.True(written > 100 && refused > 100, $"{written} written, {refused} refused");
    }

    [Theory]
    [InlineData("fs.read", "const r1, \"pipe\"\n    syscall r2, fs.read, r1")]
    [InlineData("fs.write", "const r1, \"pipe\"\n    const r3, \"x\"\n    syscall r2, fs.write, r1, r3")]
    public void A_fifo_is_refused_at_once_instead_of_blocking(string syscall, string body)
    {
        using var repo = TempRepo.Create();
        Assert.Equal(0, Processes.Run("mkfifo", [repo.Combine("pipe")], repo.Path).ExitCode);
        repo.Write("agent.dasm", $".abi 1\n.cap {syscall} \"**\"\n    {body}\n    ret r2\n");

        var result = EvidenceCli.Run(repo.Path, ["exec", "agent.dasm"], timeoutSeconds: 60);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error EVD0314: {syscall}: 'pipe' is a FIFO, not a plain file", result.Stderr, StringComparison.Ordinal);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);
}
