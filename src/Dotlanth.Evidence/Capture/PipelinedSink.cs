using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// Hands a stream's output to a thread of its own in 256 KiB blocks, so hashing and writing it overlap with reading and
/// redacting the next block on the second core. At most <see cref="Depth"/> blocks wait: a slow disk slows the reader
/// (and so the child) instead of filling memory. Output that fits in one block never starts the thread.
/// </summary>
public sealed class PipelinedSink(IOutputSink downstream) : IOutputSink, IDisposable
{
    public const int BlockSize = 256 * 1024;
    public const int Depth = 4;

    // A lock with Wait and Pulse, not a BlockingCollection: its semaphores spin before they sleep, and with the child
    // writing on the same two cores that spinning was 17 sched_yield calls per block handed over.
    private readonly Queue<(byte[]? Block, int Length)> _queue = new(Depth);
    private readonly object _gate = new();
    private bool _addingCompleted;
    private readonly ConcurrentBag<byte[]> _free = [];
    private byte[]? _current;
    private int _used;
    private Thread? _worker;
    private volatile ExceptionDispatchInfo? _fault;
    private bool _completed;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        _fault?.Throw();
        while (!chunk.IsEmpty)
        {
            _current ??= _free.TryTake(out var reused) ? reused : new byte[BlockSize];
            var take = Math.Min(chunk.Length, BlockSize - _used);
            chunk[..take].CopyTo(_current.AsSpan(_used));
            _used += take;
            chunk = chunk[take..];
            if (_used == BlockSize)
            {
                HandOff();
            }
        }
    }

    /// <summary>What was written so far goes on, then the downstream flushes; the reader does not wait for the disk.</summary>
    public void Flush()
    {
        _fault?.Throw();
        if (_used > 0)
        {
            HandOff();
        }

        Send((null, 0));
    }

    /// <summary>Waits until everything written has gone downstream, then completes it (its totals are final after this).</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_worker is null)
        {
            // Never busy enough for a thread: what is held goes down on this one.
            if (_used > 0)
            {
                downstream.Write(_current.AsSpan(0, _used));
            }
        }
        else
        {
            if (_used > 0)
            {
                HandOff();
            }

            CompleteAdding();
            _worker.Join();
        }

        _used = 0;
        // The downstream completes even after it failed: its totals still say what reached it.
        downstream.Complete();
        _fault?.Throw();
    }

    /// <summary>Stops the thread (after what was queued) before the queue goes, also when <see cref="Complete"/> never came.</summary>
    public void Dispose()
    {
        CompleteAdding();
        _worker?.Join();
    }

    private void CompleteAdding()
    {
        lock (_gate)
        {
            _addingCompleted = true;
            Monitor.Pulse(_gate);
        }
    }

    private void HandOff()
    {
        Send((_current, _used));
        _current = null;
        _used = 0;
    }

    private void Send((byte[]? Block, int Length) item)
    {
        if (_worker is null)
        {
            _worker = new Thread(Drain) { IsBackground = true, Name = "evidence-capture" };
            _worker.Start();
        }

        lock (_gate)
        {
            while (_queue.Count >= Depth)
            {
                Monitor.Wait(_gate);
            }

            _queue.Enqueue(item);
            Monitor.Pulse(_gate);
        }
    }

    private bool TryTake(out (byte[]? Block, int Length) item)
    {
        lock (_gate)
        {
            while (_queue.Count == 0 && !_addingCompleted)
            {
                Monitor.Wait(_gate);
            }

            if (!_queue.TryDequeue(out item))
            {
                return false;
            }

            Monitor.Pulse(_gate);
            return true;
        }
    }

    private void Drain()
    {
        while (TryTake(out var item))
        {
            var (block, length) = item;
            if (_fault is null)
            {
                try
                {
                    if (block is null)
                    {
                        downstream.Flush();
                    }
                    else
                    {
                        downstream.Write(block.AsSpan(0, length));
                    }
                }
                catch (Exception ex)
                {
                    // The writer sees it on its next call, as if it had written itself; blocks are still taken off the
                    // queue so it never waits on a thread that stopped.
                    _fault = ExceptionDispatchInfo.Capture(ex);
                }
            }

            if (block is not null && _free.Count < Depth)
            {
                _free.Add(block);
            }
        }
    }
}
