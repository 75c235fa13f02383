using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// An exclusive flock on a lock file, held for short updates shared between processes: an open run's numbers and
/// records, the index journal. The kernel drops it when the process dies, so a crash cannot wedge anyone.
/// </summary>
public sealed class FileLock : IDisposable
{
    private int _fd;

    private FileLock(int fd) => _fd = fd;

    public static FileLock Acquire(string path)
    {
        // A raw descriptor: FileStream takes flocks of its own on Unix, which would mix with this one.
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

        return new FileLock(fd);
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
