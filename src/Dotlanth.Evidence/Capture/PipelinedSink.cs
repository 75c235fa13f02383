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

    private readonly BlockingCollection<(byte[]? Block, int Length)> _queue = new(Depth);
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

            _queue.CompleteAdding();
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
        _queue.CompleteAdding();
        _worker?.Join();
        _queue.Dispose();
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

        _queue.Add(item);
    }

    private void Drain()
    {
        foreach (var (block, length) in _queue.GetConsumingEnumerable())
        {
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
