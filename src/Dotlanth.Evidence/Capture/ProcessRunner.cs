using System.Diagnostics;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// Runs one child process: argv straight to exec, stdout and stderr drained concurrently into sinks,
/// a timeout or an interrupt stops the whole tree (polite signal, grace period, then SIGKILL).
/// </summary>
/// <remarks>
/// A host that starts every child through this runner (the CLI) calls <see cref="AdoptOrphans"/>: it becomes a child
/// subreaper, so a descendant that detaches (double fork, setsid) is re-parented to it instead of init and is still
/// found when the tree is stopped. The sweep repeats until nothing is left.
/// </remarks>
public static class ProcessRunner
{
    private static readonly TimeSpan SweepLimit = TimeSpan.FromSeconds(10);

    /// <summary>Children this runner spawned and has not reaped: any other child of the tool is an adopted orphan.</summary>
    private static readonly HashSet<int> Spawned = [];

    private static readonly int Self = Environment.ProcessId;

    private static bool subreaper;

    /// <summary>
    /// Makes this process a child subreaper. Only for a host whose children all come from this runner: any other
    /// child of the process (one a test host or an IDE started) would be taken for an orphan of a run and stopped.
    /// </summary>
    public static bool AdoptOrphans()
    {
        subreaper = OperatingSystem.IsLinux() && Native.prctl(Native.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
        return subreaper;
    }

    public static CommandResult Run(CommandSpec spec, IOutputSink stdout, IOutputSink stderr, Interrupt? interrupt = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The process runner needs Linux (/proc and posix_spawn).");
        }

        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        if (interrupt is { IsRaised: true })
        {
            // Interrupted before the child existed: starting it now would only mean stopping it again.
            stdout.Complete();
            stderr.Complete();
            return new CommandResult
            {
                Started = false,
                ExitCode = 128 + interrupt.Signal,
                CancelledBy = interrupt.Signal,
                StartError = "the run was interrupted before the program started",
                StartedAt = startedAt,
                FinishedAt = startedAt + clock.Elapsed,
            };
        }

        using var terminal = spec.Terminal ? PseudoTerminal.TryOpen() : null;
        var size = terminal is null ? ((int, int)?)null : PseudoTerminal.SizeOf(terminal.MainFd);
        Spawner.Spawned spawn;
        lock (Spawned)
        {
            spawn = Spawner.Start(spec, terminal);
            if (spawn.Errno == 0)
            {
                Spawned.Add(spawn.Pid);
            }
        }

        if (spawn.Errno != 0)
        {
            stdout.Complete();
            stderr.Complete();
            return new CommandResult
            {
                Started = false,
                ExitCode = spawn.Errno == Native.EACCES ? 126 : 127,
                Errno = spawn.Errno,
                StartError = Native.ErrorText(spawn.Errno),
                StartedAt = startedAt,
                FinishedAt = startedAt + clock.Elapsed,
            };
        }

        using var exited = new ManualResetEventSlim();
        var status = 0;
        var waiter = new Thread(() =>
        {
            int result;
            do
            {
                result = Native.waitpid(spawn.Pid, out status, 0);
            }
            while (result < 0 && Native.LastError == Native.EINTR);
            lock (Spawned)
            {
                Spawned.Remove(spawn.Pid);
            }

            exited.Set();
        })
        { IsBackground = true, Name = "evidence-wait" };
        waiter.Start();

        var drain = new DrainControl();
        var outReader = PipeReader.Start(spawn.StdoutFd, stdout, drain, "evidence-stdout");
        Thread? errReader = null;
        if (spawn.StderrFd >= 0)
        {
            errReader = PipeReader.Start(spawn.StderrFd, stderr, drain, "evidence-stderr");
        }
        else
        {
            // In a terminal both streams arrive on one: nothing comes on stderr's own.
            stderr.Complete();
        }

        using var session = terminal is null ? null : TerminalSession.Start(terminal, Spawner.TerminalInput(spec));

        var timedOut = false;
        int? cancelledBy = null;
        var killed = 0;
        var waitHandles = interrupt is null
            ? new[] { exited.WaitHandle }
            : new[] { exited.WaitHandle, interrupt.Token.WaitHandle };
        var which = Wait(waitHandles, spec.Timeout);
        if (which == WaitHandle.WaitTimeout)
        {
            timedOut = true;
            killed = StopTree(spawn.Pid, Native.SIGTERM, spec.KillGrace, exited, () => interrupt?.IsUrgent == true);
        }
        else if (which == 1 && interrupt is not null)
        {
            cancelledBy = interrupt.Signal;
            // From a terminal the child got the same signal already; give it a moment before signalling it again.
            var settle = Stopwatch.StartNew();
            while (!exited.Wait(20) && !interrupt.IsUrgent && settle.Elapsed.TotalMilliseconds < Math.Min(1000, spec.KillGrace.TotalMilliseconds))
            {
            }

            if (!exited.IsSet)
            {
                killed = StopTree(spawn.Pid, interrupt.Signal, spec.KillGrace, exited, () => interrupt.IsUrgent);
            }
        }

        exited.Wait();
        waiter.Join();
        drain.ChildExited(spec.DrainAfterExit);
        outReader.Join();
        errReader?.Join();

        var (code, signal) = Decode(status);
        if (cancelledBy is null && session?.TypedSignal is { } typed && signal == typed)
        {
            // Ctrl-C at the terminal reached the child through its own terminal, not this process: still the user's stop.
            cancelledBy = typed;
        }

        return new CommandResult
        {
            Started = true,
            ExitCode = code,
            Signal = signal,
            TimedOut = timedOut,
            CancelledBy = cancelledBy,
            StartedAt = startedAt,
            FinishedAt = startedAt + clock.Elapsed,
            KilledProcesses = killed,
            OutputAbandoned = drain.Abandoned,
            Terminal = size,
        };
    }

    /// <summary>WaitAny takes at most int.MaxValue milliseconds (under 25 days); a longer timeout is waited in parts.</summary>
    private static int Wait(WaitHandle[] handles, TimeSpan? timeout)
    {
        if (timeout is null)
        {
            return WaitHandle.WaitAny(handles);
        }

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var left = timeout.Value - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return WaitHandle.WaitTimeout;
            }

            var which = WaitHandle.WaitAny(handles, left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1));
            if (which != WaitHandle.WaitTimeout)
            {
                return which;
            }
        }
    }

    /// <summary>
    /// Signals the whole tree (and orphans it left with the tool), waits up to the grace period, then SIGKILLs
    /// survivors and late forks, round after round until none is left.
    /// </summary>
    private static int StopTree(int pid, int signal, TimeSpan grace, ManualResetEventSlim exited, Func<bool> urgent)
    {
        var known = new Dictionary<int, ProcessTree.Member>();
        foreach (var member in Tree(pid))
        {
            known[member.Pid] = member;
        }

        ProcessTree.Signal(known.Values, signal);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < grace && !urgent() && known.Values.Any(ProcessTree.IsAlive))
        {
            Thread.Sleep(20);
        }

        var killed = 0;
        var sweep = Stopwatch.StartNew();
        while (true)
        {
            foreach (var member in Tree(pid))
            {
                known.TryAdd(member.Pid, member);
            }

            var survivors = known.Values.Where(ProcessTree.IsAlive).ToList();
            if (survivors.Count == 0 || sweep.Elapsed > SweepLimit)
            {
                break;
            }

            killed += survivors.Count;
            ProcessTree.Signal(survivors, Native.SIGKILL);
            Thread.Sleep(5);
        }

        Reap(known.Keys.Where(p => p != pid));
        return killed;
    }

    /// <summary>The child's tree and every adopted orphan; the child's own pid only while it is not yet reaped.</summary>
    private static IReadOnlyList<ProcessTree.Member> Tree(int pid)
    {
        lock (Spawned)
        {
            return ProcessTree.Snapshot(Spawned.Contains(pid) ? pid : -1, subreaper ? Self : null, Spawned.Contains);
        }
    }

    /// <summary>Adopted orphans are the tool's children now: collect their exit so none lingers as a zombie.</summary>
    private static void Reap(IEnumerable<int> pids)
    {
        foreach (var orphan in pids)
        {
            lock (Spawned)
            {
                if (!Spawned.Contains(orphan))
                {
                    _ = Native.waitpid(orphan, out _, Native.WNOHANG);
                }
            }
        }
    }

    private static (int Code, int? Signal) Decode(int status)
    {
        var low = status & 0x7f;
        if (low == 0)
        {
            return ((status >> 8) & 0xff, null);
        }

        return (128 + low, low);
    }
}
