using System.Security.Cryptography;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// Writes a stream to a file until a byte budget is spent, then only counts and hashes the rest. A file that cannot
/// be written (a full disk) stops being written and says why in <see cref="Failure"/>; counting and hashing go on.
/// </summary>
public sealed class BudgetedFileSink(string path, long budget) : IOutputSink, IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly GuardedFile _file = new(() => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
    private string? _sha256;

    public long BytesTotal { get; private set; }

    public bool OverBudget => BytesTotal > budget;

    public string Sha256 => _sha256 ?? throw new InvalidOperationException("The stream is not complete yet.");

    /// <summary>Why the file is not whole, or null.</summary>
    public string? Failure => _file.Failure;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        _hash.AppendData(chunk);
        var room = budget - BytesTotal;
        BytesTotal += chunk.Length;
        if (room > 0 && _file.Stream is { } file)
        {
            try
            {
                file.Write(chunk[..(int)Math.Min(room, chunk.Length)]);
            }
            catch (Exception ex) when (Values.StorageFaults.Is(ex))
            {
                _file.Fail(ex);
            }
        }
    }

    public void Complete()
    {
        if (_sha256 is not null)
        {
            return;
        }

        _sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        _file.Write(file => file.Flush());
        _file.Dispose();
    }

    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
    }
}
