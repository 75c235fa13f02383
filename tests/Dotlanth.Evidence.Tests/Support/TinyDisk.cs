namespace Dotlanth.Evidence.Tests.Support;

/// <summary>A 1 MiB tmpfs of its own, to fill: a real full disk (ENOSPC from the kernel), not a simulated one.</summary>
public sealed class TinyDisk : IDisposable
{
    private readonly TempFolder _mountPoint = new();

    public TinyDisk()
    {
        var mount = Processes.Run("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", _mountPoint.Path], _mountPoint.Path);
        Assert.True(mount.ExitCode == 0, "mount -t tmpfs failed: " + mount.Stderr);
    }

    public string Path => _mountPoint.Path;

    /// <summary>Fills the disk until only about <paramref name="freeKiB"/> KiB are left.</summary>
    public void FillLeaving(int freeKiB)
    {
        var info = new DriveInfo(Path);
        var fill = Math.Max(0, info.AvailableFreeSpace - (freeKiB * 1024L));
        using var file = File.Create(System.IO.Path.Combine(Path, "filler"));
        var block = new byte[4096];
        try
        {
            for (long written = 0; written < fill; written += block.Length)
            {
                file.Write(block, 0, (int)Math.Min(block.Length, fill - written));
            }

            file.Flush();
        }
        catch (IOException)
        {
            // Full already: that is what was asked for.
        }
    }

    /// <summary>Remounts the disk read-only, as a store on a read-only mount is.</summary>
    public void MakeReadOnly()
    {
        var remount = Processes.Run("mount", ["-o", "remount,ro", Path], "/");
        Assert.True(remount.ExitCode == 0, "remount ro failed: " + remount.Stderr);
    }

    public void Free() => File.Delete(System.IO.Path.Combine(Path, "filler"));

    public void Dispose()
    {
        Processes.Run("umount", ["-l", Path], "/");
        _mountPoint.Dispose();
    }
}
