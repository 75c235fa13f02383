using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// An exclusive flock on a staging folder's lock file, held for the short updates of an open run (a step number, an
/// attempt number, a trace line) so processes appending to one run never lose or reorder each other's records.
/// The kernel drops it when the process dies, so a crashed step cannot wedge the run.
/// </summary>
public sealed class StagingLock : IDisposable
{
    public const string FileName = ".lock";

    private int _fd;

    private StagingLock(int fd) => _fd = fd;

    public static StagingLock Acquire(string stagingPath)
    {
        // A raw descriptor: FileStream takes flocks of its own on Unix, which would mix with this one.
        var path = Path.Combine(stagingPath, FileName);
        var fd = Native.open(path, Native.O_RDWR | Native.O_CREAT | Native.O_CLOEXEC, Convert.ToInt32("600", 8));
        if (fd < 0)
        {
            throw new IOException($"Could not open the lock file {path}: {Native.ErrorText(Native.LastError)}.");
        }

        while (Native.flock(fd, Native.LOCK_EX) != 0)
        {
            var errno = Native.LastError;
            if (errno != Native.EINTR)
            {
                _ = Native.close(fd);
                throw new IOException($"Could not lock {path}: {Native.ErrorText(errno)}.");
            }
        }

        return new StagingLock(fd);
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Native.close(fd);
        }
    }
}
