using System.Runtime.InteropServices;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// The user's side of a child's pseudo-terminal while the child runs: keystrokes go to the child byte for byte (the
/// user's terminal in raw input mode, so Ctrl-C reaches the child's terminal as it would without this tool), and a
/// resized window resizes the child's terminal. Everything is put back when the child is done.
/// </summary>
internal sealed unsafe class TerminalSession : IDisposable
{
    private const int PollMs = 50;
    private const byte EndOfInput = 0x04;
    private const byte InterruptKey = 0x03;
    private const byte QuitKey = 0x1C;
    private const int SigQuit = 3;
    private const byte SuspendKey = 0x1A;

    private readonly PseudoTerminal _terminal;
    private readonly byte[]? _savedMode;
    private bool _raw;
    private readonly Thread? _input;
    private readonly PosixSignalRegistration? _resize;
    private volatile bool _stopping;
    private volatile int _typedSignal;

    private TerminalSession(PseudoTerminal terminal, bool forwardInput)
    {
        _terminal = terminal;
        if (forwardInput)
        {
            // Raw input is entered by the forwarding thread, and only while this tool is in the terminal's foreground:
            // a run started with & must never touch the terminal (the kernel would stop it with SIGTTOU/SIGTTIN).
            _savedMode = CurrentMode();
            _input = new Thread(Forward) { IsBackground = true, Name = "evidence-terminal-input" };
            _input.Start();
        }

        _resize = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
        {
            terminal.CopySizeFrom(1);
            context.Cancel = true;
        });
    }

    public static TerminalSession Start(PseudoTerminal terminal, bool forwardInput) => new(terminal, forwardInput);

    /// <summary>
    /// The signal the user's last interrupt key asks the child's terminal for (Ctrl-C: SIGINT, Ctrl-\\: SIGQUIT), or
    /// null: a child that then dies of it was stopped by the user, as a run interrupted at the terminal is.
    /// </summary>
    public int? TypedSignal => _typedSignal == 0 ? null : _typedSignal;

    public void Dispose()
    {
        _stopping = true;
        _input?.Join();
        _resize?.Dispose();
        LeaveRawInput();
        _terminal.Dispose();
    }

    /// <summary>True while this process's group is the terminal's foreground group (not started with &amp;, not bg'd).</summary>
    private static bool InForeground() => NativeTerminal.tcgetpgrp(0) == NativeTerminal.getpgrp();

    private static byte[]? CurrentMode()
    {
        var mode = new byte[NativeTerminal.TermiosSize];
        fixed (byte* m = mode)
        {
            return NativeTerminal.tcgetattr(0, m) == 0 ? mode : null;
        }
    }

    private void LeaveRawInput()
    {
        if (_raw && _savedMode is not null)
        {
            fixed (byte* mode = _savedMode)
            {
                _ = NativeTerminal.tcsetattr(0, NativeTerminal.TCSANOW, mode);
            }

            _raw = false;
        }
    }

    /// <summary>
    /// Input raw (no line editing, no echo, no signals from keys: the child's terminal does all that), output as it was,
    /// so this tool's own lines still end where they should.
    /// </summary>
    private void EnterRawInput()
    {
        if (_raw || _savedMode is null)
        {
            return;
        }

        var raw = new byte[NativeTerminal.TermiosSize];
        fixed (byte* r = raw)
        {
            _savedMode.CopyTo(raw, 0);
            var iflag = (uint*)(r + NativeTerminal.IflagOffset);
            var lflag = (uint*)(r + NativeTerminal.LflagOffset);
            *iflag &= ~(NativeTerminal.BRKINT | NativeTerminal.ICRNL | NativeTerminal.INPCK | NativeTerminal.ISTRIP | NativeTerminal.IXON);
            *lflag &= ~(NativeTerminal.ECHO | NativeTerminal.ICANON | NativeTerminal.IEXTEN | NativeTerminal.ISIG);
            r[NativeTerminal.CcOffset + NativeTerminal.VMIN] = 1;
            r[NativeTerminal.CcOffset + NativeTerminal.VTIME] = 0;
            _raw = NativeTerminal.tcsetattr(0, NativeTerminal.TCSANOW, r) == 0;
        }
    }

    /// <summary>Copies this process's stdin to the child's terminal until the child is done; end of input is Ctrl-D.</summary>
    private void Forward()
    {
        var buffer = new byte[4096];
        fixed (byte* p = buffer)
        {
            var poll = new Native.PollFd { Fd = 0, Events = Native.POLLIN };
            while (!_stopping)
            {
                if (_savedMode is not null && !InForeground())
                {
                    // In the background the terminal is not ours to read or set: wait for fg.
                    Thread.Sleep(PollMs);
                    continue;
                }

                EnterRawInput();
                var ready = Native.poll(&poll, 1, PollMs);
                if (ready == 0 || (ready < 0 && Native.LastError == Native.EINTR))
                {
                    continue;
                }

                var n = ready > 0 ? Native.read(0, p, buffer.Length) : -1;
                if (n <= 0)
                {
                    if (n == 0 && !_stopping)
                    {
                        var eof = EndOfInput;
                        _ = NativeTerminal.write(_terminal.MainFd, &eof, 1);
                    }

                    return;
                }

                var suspendAt = new ReadOnlySpan<byte>(p, (int)n).IndexOf(SuspendKey);
                if (suspendAt >= 0 && _savedMode is not null && ChildTakesSignals())
                {
                    // Ctrl-Z: the keys before it still go to the child; then the child and this tool stop together.
                    Send(p, suspendAt);
                    Suspend();
                    continue;
                }

                var typed = new ReadOnlySpan<byte>(p, (int)n);
                if (typed.Contains(InterruptKey))
                {
                    _typedSignal = Native.SIGINT;
                }
                else if (typed.Contains(QuitKey))
                {
                    _typedSignal = SigQuit;
                }

                if (!Send(p, n))
                {
                    return;
                }
            }
        }
    }

    private bool Send(byte* p, nint n)
    {
        for (nint written = 0; written < n && !_stopping;)
        {
            var w = NativeTerminal.write(_terminal.MainFd, p + written, n - written);
            if (w < 0 && Native.LastError != Native.EINTR)
            {
                return false;
            }

            written += Math.Max(w, 0);
        }

        return true;
    }

    /// <summary>True when the child's terminal turns keys into signals (a full-screen program that reads raw keys gets Ctrl-Z as a key).</summary>
    private bool ChildTakesSignals()
    {
        var mode = stackalloc byte[NativeTerminal.TermiosSize];
        return NativeTerminal.tcgetattr(_terminal.MainFd, mode) == 0 && (*(uint*)(mode + NativeTerminal.LflagOffset) & NativeTerminal.ISIG) != 0;
    }

    /// <summary>
    /// Job control as at a plain terminal: the child's foreground group gets SIGTSTP, the user's terminal its own mode
    /// back, and this tool stops, so the shell shows its prompt; on fg the tool continues here and so does the child.
    /// </summary>
    private void Suspend()
    {
        int group;
        var child = NativeTerminal.ioctl(_terminal.MainFd, NativeTerminal.TIOCGPGRP, &group) == 0 && group > 0 ? group : 0;
        if (child > 0)
        {
            _ = Native.kill(-child, NativeTerminal.SIGTSTP);
        }

        LeaveRawInput();
        _ = Native.kill(Native.getpid(), NativeTerminal.SIGSTOP);

        // Continued (fg or bg): the forwarding loop takes raw input again once in the foreground; the window may have
        // changed meanwhile, and the child goes on.
        _terminal.CopySizeFrom(1);
        if (child > 0)
        {
            _ = Native.kill(-child, NativeTerminal.SIGCONT);
        }
    }
}
