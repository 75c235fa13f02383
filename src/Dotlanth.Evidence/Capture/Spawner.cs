using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// posix_spawnp with two pipes for stdout and stderr, or with a pseudo-terminal as stdin, stdout and stderr (the child
/// then leads a session of its own with that terminal as its controlling one); everything else the child inherits.
/// </summary>
internal static unsafe class Spawner
{
    public readonly record struct Spawned(int Pid, int StdoutFd, int StderrFd, int Errno);

    private const int PipeSize = 1 << 20;
    private const int ORdOnly = 0;

    private delegate void StdioActions(void* actions);

    public static Spawned Start(CommandSpec spec, PseudoTerminal? terminal = null)
    {
        if (terminal is not null)
        {
            return StartInTerminal(spec, terminal);
        }

        var outPipe = stackalloc int[2];
        var errPipe = stackalloc int[2];
        if (Native.pipe2(outPipe, Native.O_CLOEXEC) != 0)
        {
            throw new IOException($"pipe2 failed: {Native.ErrorText(Native.LastError)}");
        }

        if (Native.pipe2(errPipe, Native.O_CLOEXEC) != 0)
        {
            var errno = Native.LastError;
            _ = Native.close(outPipe[0]);
            _ = Native.close(outPipe[1]);
            throw new IOException($"pipe2 failed: {Native.ErrorText(errno)}");
        }

        // Larger pipes mean fewer context switches for chatty children; failure only costs speed.
        _ = Native.fcntl(outPipe[1], Native.F_SETPIPE_SZ, PipeSize);
        _ = Native.fcntl(errPipe[1], Native.F_SETPIPE_SZ, PipeSize);

        var devNull = spec.InheritStdin ? -1 : Native.open("/dev/null", ORdOnly | Native.O_CLOEXEC);
        try
        {
            var rc = Spawn(
                spec,
                actions =>
                {
                    if (devNull >= 0)
                    {
                        _ = Native.posix_spawn_file_actions_adddup2(actions, devNull, 0);
                    }

                    _ = Native.posix_spawn_file_actions_adddup2(actions, outPipe[1], 1);
                    _ = Native.posix_spawn_file_actions_adddup2(actions, errPipe[1], 2);
                },
                newSession: false,
                out var pid);
            _ = Native.close(outPipe[1]);
            _ = Native.close(errPipe[1]);
            if (rc != 0)
            {
                _ = Native.close(outPipe[0]);
                _ = Native.close(errPipe[0]);
                return new Spawned(0, -1, -1, rc);
            }

            return new Spawned(pid, outPipe[0], errPipe[0], 0);
        }
        finally
        {
            if (devNull >= 0)
            {
                _ = Native.close(devNull);
            }
        }
    }

    private static Spawned StartInTerminal(CommandSpec spec, PseudoTerminal terminal)
    {
        var rc = Spawn(
            spec,
            actions =>
            {
                // Opened after setsid and without O_NOCTTY, the terminal becomes the new session's controlling one. Input
                // comes from it only when the user's input is a terminal too: `run -- cmd < file` gives cmd the file.
                if (TerminalInput(spec))
                {
                    _ = NativeTerminal.posix_spawn_file_actions_addopen(actions, 0, terminal.SubsidiaryPath, NativeTerminal.O_RDWR, 0);
                    _ = Native.posix_spawn_file_actions_adddup2(actions, 0, 1);
                }
                else
                {
                    _ = NativeTerminal.posix_spawn_file_actions_addopen(actions, 1, terminal.SubsidiaryPath, NativeTerminal.O_RDWR, 0);
                    if (!spec.InheritStdin)
                    {
                        _ = NativeTerminal.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", ORdOnly, 0);
                    }
                }

                _ = Native.posix_spawn_file_actions_adddup2(actions, 1, 2);
            },
            newSession: true,
            out var pid);
        return rc != 0 ? new Spawned(0, -1, -1, rc) : new Spawned(pid, terminal.DuplicateMain(), -1, 0);
    }

    /// <summary>True when the child reads its terminal: the caller's stdin is passed on and is a terminal itself.</summary>
    public static bool TerminalInput(CommandSpec spec) => spec.InheritStdin && NativeTerminal.isatty(0) == 1;

    /// <summary>
    /// posix_spawnp with the child's standard descriptors set up by <paramref name="stdio"/>, its working directory, and
    /// default signal handling; <paramref name="newSession"/> makes it lead a session of its own. Returns 0 or the errno.
    /// </summary>
    private static int Spawn(CommandSpec spec, StdioActions stdio, bool newSession, out int pid)
    {
        var actions = NativeMemory.AllocZeroed(Native.FileActionsSize);
        var attr = NativeMemory.AllocZeroed(Native.SpawnAttrSize);
        var defaults = NativeMemory.AllocZeroed(Native.SigSetSize);
        var mask = NativeMemory.AllocZeroed(Native.SigSetSize);
        var strings = new List<IntPtr>();
        try
        {
            _ = Native.posix_spawn_file_actions_init(actions);
            _ = Native.posix_spawnattr_init(attr);
            stdio(actions);
            if (spec.WorkingDirectory is { } cwd)
            {
                _ = Native.posix_spawn_file_actions_addchdir_np(actions, cwd);
            }

            // The runtime ignores SIGPIPE for itself; a child must get the default back, as under a shell.
            _ = Native.sigemptyset(defaults);
            _ = Native.sigaddset(defaults, Native.SIGPIPE);
            if (newSession)
            {
                _ = Native.sigaddset(defaults, Native.SIGINT);
            }

            _ = Native.sigemptyset(mask);
            _ = Native.posix_spawnattr_setsigdefault(attr, defaults);
            _ = Native.posix_spawnattr_setsigmask(attr, mask);
            var flags = Native.POSIX_SPAWN_SETSIGDEF | Native.POSIX_SPAWN_SETSIGMASK | (newSession ? NativeTerminal.POSIX_SPAWN_SETSID : 0);
            _ = Native.posix_spawnattr_setflags(attr, (short)flags);

            var argv = ToNullTerminated(spec.Argv, strings);
            var envp = ToNullTerminated(BuildEnvironment(spec), strings);
            fixed (IntPtr* argvPtr = argv)
            fixed (IntPtr* envpPtr = envp)
            {
                return Native.posix_spawnp(out pid, spec.Argv[0], actions, attr, (byte**)argvPtr, (byte**)envpPtr);
            }
        }
        finally
        {
            _ = Native.posix_spawn_file_actions_destroy(actions);
            _ = Native.posix_spawnattr_destroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(defaults);
            NativeMemory.Free(mask);
            foreach (var s in strings)
            {
                Marshal.FreeHGlobal(s);
            }
        }
    }

    private static List<string> BuildEnvironment(CommandSpec spec)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            merged[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                merged.Remove(name);
            }
            else
            {
                merged[name] = value;
            }
        }

        return [.. merged.Select(kv => kv.Key + "=" + kv.Value)];
    }

    private static IntPtr[] ToNullTerminated(IEnumerable<string> values, List<IntPtr> owned)
    {
        var result = new List<IntPtr>();
        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var ptr = Marshal.AllocHGlobal(bytes.Length + 1);
            Marshal.Copy(bytes, 0, ptr, bytes.Length);
            ((byte*)ptr)[bytes.Length] = 0;
            owned.Add(ptr);
            result.Add(ptr);
        }

        result.Add(IntPtr.Zero);
        return [.. result];
    }
}
