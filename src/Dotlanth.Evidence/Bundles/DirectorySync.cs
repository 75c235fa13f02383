using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Bundles;

/// <summary>fsync on a directory, so a rename inside it survives a power loss.</summary>
internal static class DirectorySync
{
    private const int ODirectory = 0x10000;
    private const int OCloexec = 0x80000;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Native.open(directory, ODirectory | OCloexec);
        if (fd >= 0)
        {
            _ = Native.fsync(fd);
            _ = Native.close(fd);
        }
    }
}
