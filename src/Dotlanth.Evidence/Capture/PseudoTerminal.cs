using System.Text;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// A pseudo-terminal pair for one child: the child gets the subsidiary side as stdin, stdout and stderr (and as its
/// controlling terminal, in a session of its own); this process keeps the main side, which it reads the child's
/// output from and writes the user's keystrokes to.
/// </summary>
internal sealed unsafe class PseudoTerminal : IDisposable
{
    private const int F_DUPFD_CLOEXEC = 1030;

    private PseudoTerminal(int mainFd, string subsidiaryPath)
    {
        MainFd = mainFd;
        SubsidiaryPath = subsidiaryPath;
    }

    public int MainFd { get; private set; }

    public string SubsidiaryPath { get; }

    /// <summary>A pair, or null where none can be had (no /dev/ptmx in a container): the child then runs with pipes.</summary>
    public static PseudoTerminal? TryOpen()
    {
        try
        {
            return Open();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Opens a pair sized like this process's terminal (24×80 when it has none).</summary>
    public static PseudoTerminal Open()
    {
        var main = NativeTerminal.posix_openpt(NativeTerminal.O_RDWR | NativeTerminal.O_NOCTTY | NativeTerminal.O_CLOEXEC);
        if (main < 0)
        {
            throw new IOException($"posix_openpt failed: {Native.ErrorText(Native.LastError)}");
        }

        var name = stackalloc byte[256];
        if (NativeTerminal.grantpt(main) != 0 || NativeTerminal.unlockpt(main) != 0 || NativeTerminal.ptsname_r(main, name, 256) != 0)
        {
            var errno = Native.LastError;
            _ = Native.close(main);
            throw new IOException($"the pseudo-terminal could not be set up: {Native.ErrorText(errno)}");
        }

        var terminal = new PseudoTerminal(main, Encoding.UTF8.GetString(name, new ReadOnlySpan<byte>(name, 256).IndexOf((byte)0)));
        terminal.CopySizeFrom(1);
        return terminal;
    }

    /// <summary>The size of the terminal on <paramref name="fd"/>, or null when it is not one.</summary>
    public static (int Rows, int Cols)? SizeOf(int fd)
    {
        NativeTerminal.WinSize size;
        return NativeTerminal.ioctl(fd, NativeTerminal.TIOCGWINSZ, &size) == 0 && size.Rows > 0 && size.Cols > 0 ? (size.Rows, size.Cols) : null;
    }

    /// <summary>Gives the child's terminal the size of the one on <paramref name="fd"/>; the kernel tells the child (SIGWINCH).</summary>
    public (int Rows, int Cols) CopySizeFrom(int fd)
    {
        var (rows, cols) = SizeOf(fd) ?? SizeOf(2) ?? (24, 80);
        var size = new NativeTerminal.WinSize { Rows = (ushort)rows, Cols = (ushort)cols };
        _ = NativeTerminal.ioctl(MainFd, NativeTerminal.TIOCSWINSZ, &size);
        return (rows, cols);
    }

    /// <summary>
    /// A second descriptor of the main side for the output reader, which closes it when the output ends; the first
    /// stays open for keystrokes and resizes until this is disposed, so no write can reach a reused descriptor.
    /// </summary>
    public int DuplicateMain()
    {
        var fd = Native.fcntl(MainFd, F_DUPFD_CLOEXEC, 0);
        return fd >= 0 ? fd : throw new IOException($"the pseudo-terminal could not be duplicated: {Native.ErrorText(Native.LastError)}");
    }

    public void Dispose()
    {
        if (MainFd >= 0)
        {
            _ = Native.close(MainFd);
            MainFd = -1;
        }
    }
}
