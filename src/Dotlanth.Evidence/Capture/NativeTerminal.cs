using System.Runtime.InteropServices;

namespace Dotlanth.Evidence.Capture;

/// <summary>libc entry points for pseudo-terminals: open a pair, size it, and switch the user's terminal to raw input.</summary>
internal static unsafe partial class NativeTerminal
{
    private const string Libc = "libc";

    public const int O_RDWR = 0x2;
    public const int O_NOCTTY = 0x100;
    public const int O_CLOEXEC = 0x80000;
    public const short POSIX_SPAWN_SETSID = 0x80;
    public const nuint TIOCGWINSZ = 0x5413;
    public const nuint TIOCSWINSZ = 0x5414;
    public const nuint TIOCGPGRP = 0x540F;
    public const int SIGTSTP = 20;
    public const int SIGSTOP = 19;
    public const int SIGCONT = 18;
    public const int TCSANOW = 0;

    // struct termios on Linux: four tcflag_t, c_line, c_cc[32], two speed_t (60 bytes; 64 leaves room).
    public const int TermiosSize = 64;
    public const int IflagOffset = 0;
    public const int LflagOffset = 12;
    public const int CcOffset = 17;
    public const uint ISIG = 0x1;
    public const uint ICANON = 0x2;
    public const uint ECHO = 0x8;
    public const uint IEXTEN = 0x8000;
    public const uint BRKINT = 0x2;
    public const uint INPCK = 0x10;
    public const uint ISTRIP = 0x20;
    public const uint ICRNL = 0x100;
    public const uint IXON = 0x400;
    public const int VTIME = 5;
    public const int VMIN = 6;

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize
    {
        public ushort Rows;
        public ushort Cols;
        public ushort XPixel;
        public ushort YPixel;
    }

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int posix_openpt(int flags);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int grantpt(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int unlockpt(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int ptsname_r(int fd, byte* buffer, nuint length);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int isatty(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, WinSize* size);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, int* value);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int tcgetattr(int fd, byte* termios);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int tcgetpgrp(int fd);

    [LibraryImport(Libc)]
    public static partial int getpgrp();

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int tcsetattr(int fd, int when, byte* termios);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport(Libc, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int posix_spawn_file_actions_addopen(void* actions, int fd, string path, int flags, int mode);
}
