using System.Runtime.InteropServices;

namespace Dotlanth.Evidence.Values;

/// <summary>
/// libc calls for opening relative to a folder handle without following links; .NET opens by path only, which leaves
/// a window between checking a path and opening it.
/// </summary>
internal static unsafe partial class LinuxFiles
{
    private const string Libc = "libc";

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint STATX_TYPE = 0x1;
    public const uint STATX_SIZE = 0x200;
    public const int S_IFMT = 0xF000;
    public const int S_IFREG = 0x8000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFLNK = 0xA000;
    public const int S_IFIFO = 0x1000;
    public const int S_IFSOCK = 0xC000;
    public const int S_IFCHR = 0x2000;
    public const int S_IFBLK = 0x6000;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_TRUNC = 0x200;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int O_PATH = 0x200000;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;

    public const int ENOENT = 2;
    public const int ENXIO = 6;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int ELOOP = 40;

    // The generic (arm64) ABI numbers these two differently from x86-64.
    public static int O_DIRECTORY => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;

    public static int O_NOFOLLOW => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    /// <summary>struct statx is the same on every architecture: 256 bytes, the mode a u16 at 28, the size a u64 at 40.</summary>
    public const int StatxSize = 256;

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int openat(int dirFd, string path, int flags, int mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdirat(int dirFd, string path, int mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int close(int fd);

    public static int LastError => Marshal.GetLastPInvokeError();

    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>The file type bits of what <paramref name="path"/> names (relative to <paramref name="dirFd"/>), links not followed; -errno on failure.</summary>
    public static int TypeOf(int dirFd, string path, int flags)
    {
        var buffer = stackalloc byte[StatxSize];
        return statx(dirFd, path, flags | AT_SYMLINK_NOFOLLOW, STATX_TYPE, buffer) == 0
            ? *(ushort*)(buffer + 28) & S_IFMT
            : -LastError;
    }
}
