using System.Diagnostics;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// Runs one child process: argv straight to exec, stdout and stderr drained concurrently into sinks,
/// a timeout or an interrupt stops the whole tree (polite signal, grace period, then SIGKILL).
/// </summary>
public static class ProcessRunner
{
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

        var spawn = Spawner.Start(spec);
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
            exited.Set();
        })
        { IsBackground = true, Name = "evidence-wait" };
        waiter.Start();

        var drain = new DrainControl();
        var outReader = PipeReader.Start(spawn.StdoutFd, stdout, drain, "evidence-stdout");
        var errReader = PipeReader.Start(spawn.StderrFd, stderr, drain, "evidence-stderr");

        var timedOut = false;
        int? cancelledBy = null;
        var killed = 0;
        var waitHandles = interrupt is null
            ? new[] { exited.WaitHandle }
            : new[] { exited.WaitHandle, interrupt.Token.WaitHandle };
        var timeout = spec.Timeout is { } t ? t : System.Threading.Timeout.InfiniteTimeSpan;
        var which = WaitHandle.WaitAny(waitHandles, timeout);
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
        errReader.Join();

        var (code, signal) = Decode(status);
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
        };
    }

    /// <summary>Signals the whole tree, waits up to the grace period, then SIGKILLs survivors and late forks.</summary>
    private static int StopTree(int pid, int signal, TimeSpan grace, ManualResetEventSlim exited, Func<bool> urgent)
    {
        var known = new Dictionary<int, ProcessTree.Member>();
        foreach (var member in ProcessTree.Snapshot(pid))
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
        for (var round = 0; round < 5; round++)
        {
            if (!exited.IsSet)
            {
                foreach (var member in ProcessTree.Snapshot(pid))
                {
                    known.TryAdd(member.Pid, member);
                }
            }

            var survivors = known.Values.Where(ProcessTree.IsAlive).ToList();
            if (survivors.Count == 0)
            {
                break;
            }

            killed += survivors.Count;
            ProcessTree.Signal(survivors, Native.SIGKILL);
            Thread.Sleep(10);
        }

        return killed;
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
