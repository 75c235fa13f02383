namespace Dotlanth.Evidence.Capture;

/// <summary>Reads one pipe on its own thread and hands every chunk to a sink; closes the pipe when done.</summary>
internal static unsafe class PipeReader
{
    private const int BufferSize = 256 * 1024;
    private const int PollMs = 100;

    // How stale the bundle's copy of the output may get: what a kill -9 can cost.
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(250);

    public static Thread Start(int fd, IOutputSink sink, DrainControl drain, string name)
    {
        var thread = new Thread(() => Pump(fd, sink, drain)) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    private static void Pump(int fd, IOutputSink target, DrainControl drain)
    {
        // A sink that throws (a disk that fails under it) must not kill this thread, which would take the process
        // down and lose the child's result: its output is then read and dropped, so the child never blocks on a pipe.
        var sink = new FaultTolerantSink(target);
        var buffer = new byte[BufferSize];
        var sinceFlush = System.Diagnostics.Stopwatch.StartNew();
        var unflushed = false;
        void FlushIfDue()
        {
            if (unflushed && sinceFlush.Elapsed >= FlushEvery)
            {
                sink.Flush();
                unflushed = false;
                sinceFlush.Restart();
            }
        }

        try
        {
            fixed (byte* p = buffer)
            {
                var poll = new Native.PollFd { Fd = fd, Events = Native.POLLIN };
                while (true)
                {
                    var ready = Native.poll(&poll, 1, PollMs);
                    if (ready == 0)
                    {
                        FlushIfDue();
                        if (drain.ShouldAbandon())
                        {
                            return;
                        }

                        continue;
                    }

                    if (ready < 0)
                    {
                        if (Native.LastError == Native.EINTR)
                        {
                            continue;
                        }

                        return;
                    }

                    var n = Native.read(fd, p, BufferSize);
                    if (n > 0)
                    {
                        sink.Write(new ReadOnlySpan<byte>(p, (int)n));
                        unflushed = true;
                        FlushIfDue();
                        if (drain.ShouldAbandon())
                        {
                            return;
                        }
                    }
                    else if (n == 0 || Native.LastError != Native.EINTR)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            _ = Native.close(fd);
            sink.Complete();
        }
    }
}
