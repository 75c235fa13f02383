using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// Keeps the head of a stream in a file as it arrives and the tail in a ring buffer, so memory stays bounded
/// whatever the child prints. An explicit marker line stands where bytes were left out. A file that cannot be
/// written (a full disk) stops being written, not counted: the totals and the sha256 still cover the whole stream.
/// </summary>
public sealed class BoundedCapture : IOutputSink, IDisposable
{
    private readonly GuardedFile _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _headLimit;
    private readonly byte[] _tail;
    private long _total;
    private int _tailStart;
    private int _tailLength;
    private CaptureStats? _stats;

    /// <param name="path">The file; null for a capture that only counts and hashes (there is nowhere to write).</param>
    public BoundedCapture(string? path, long maxBytes, Action<Exception>? onFailure = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _headLimit = maxBytes - (maxBytes / 2);
        _tail = new byte[maxBytes / 2];
        _file = new GuardedFile(path is null ? null : () => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1, FileOptions.None), onFailure);
    }

    public CaptureStats Stats => _stats ?? throw new InvalidOperationException("The capture is not complete yet.");

    /// <summary>Why the file stopped being written, or null while it is whole.</summary>
    public string? Failure => _file.Failure;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        _hash.AppendData(chunk);
        var headRoom = _headLimit - _total;
        _total += chunk.Length;
        if (headRoom > 0)
        {
            var toHead = (int)Math.Min(headRoom, chunk.Length);
            if (_file.Stream is { } file)
            {
                try
                {
                    file.Write(chunk[..toHead]);
                }
                catch (Exception ex) when (Values.StorageFaults.Is(ex))
                {
                    _file.Fail(ex);
                }
            }

            chunk = chunk[toHead..];
        }

        AppendTail(chunk);
    }

    /// <summary>The head is on disk as it arrives; past it, the file gets the tail as of now behind the marker.</summary>
    public void Flush()
    {
        if (_stats is null && _tailLength > 0)
        {
            _file.Write(WriteTail);
        }
    }

    public void Complete()
    {
        if (_stats is not null)
        {
            return;
        }

        var kept = Math.Min(_total, _headLimit) + _tailLength;
        _file.Write(file =>
        {
            WriteTail(file);
            file.Flush(flushToDisk: true);
        });
        _file.Dispose();
        _stats = new CaptureStats(_total, kept, _total - kept > 0, Convert.ToHexStringLower(_hash.GetHashAndReset()));
    }

    /// <summary>Rewrites everything after the head: the marker (when bytes were left out) and the tail.</summary>
    private void WriteTail(FileStream file)
    {
        var kept = Math.Min(_total, _headLimit) + _tailLength;
        var omitted = _total - kept;
        file.Position = Math.Min(_total, _headLimit);
        if (omitted > 0)
        {
            var marker = string.Create(
                CultureInfo.InvariantCulture,
                $"\n[dotnet-evidence: {omitted} bytes omitted here; kept the first {_headLimit} and the last {_tailLength} of {_total} bytes]\n");
            file.Write(Encoding.UTF8.GetBytes(marker));
        }

        var firstPart = Math.Min(_tailLength, _tail.Length - _tailStart);
        file.Write(_tail, _tailStart, firstPart);
        file.Write(_tail, 0, _tailLength - firstPart);
        file.SetLength(file.Position);
    }

    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
    }

    private void AppendTail(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty || _tail.Length == 0)
        {
            return;
        }

        if (chunk.Length >= _tail.Length)
        {
            chunk[^_tail.Length..].CopyTo(_tail);
            _tailStart = 0;
            _tailLength = _tail.Length;
            return;
        }

        var writeAt = (_tailStart + _tailLength) % _tail.Length;
        var first = Math.Min(chunk.Length, _tail.Length - writeAt);
        chunk[..first].CopyTo(_tail.AsSpan(writeAt));
        chunk[first..].CopyTo(_tail);
        var newLength = _tailLength + chunk.Length;
        if (newLength > _tail.Length)
        {
            _tailStart = (_tailStart + (newLength - _tail.Length)) % _tail.Length;
            newLength = _tail.Length;
        }

        _tailLength = newLength;
    }
}
