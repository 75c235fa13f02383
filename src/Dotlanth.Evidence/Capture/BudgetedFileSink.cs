using System.Security.Cryptography;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// Writes a stream to a file until a byte budget is spent, then only counts and hashes the rest. A file that cannot
/// be written (a full disk) stops being written and says why in <see cref="Failure"/>; counting and hashing go on.
/// </summary>
public sealed class BudgetedFileSink : IOutputSink, IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _budget;
    private FileStream? _file;
    private string? _sha256;

    public BudgetedFileSink(string path, long budget)
    {
        _budget = budget;
        Guard(() => _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
    }

    public long BytesTotal { get; private set; }

    public bool OverBudget => BytesTotal > _budget;

    public string Sha256 => _sha256 ?? throw new InvalidOperationException("The stream is not complete yet.");

    /// <summary>Why the file is not whole, or null.</summary>
    public string? Failure { get; private set; }

    public void Write(ReadOnlySpan<byte> chunk)
    {
        _hash.AppendData(chunk);
        var room = _budget - BytesTotal;
        BytesTotal += chunk.Length;
        if (room > 0 && _file is { } file)
        {
            try
            {
                file.Write(chunk[..(int)Math.Min(room, chunk.Length)]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(ex);
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
        Guard(() => _file?.Flush());
        Guard(() => _file?.Dispose());
    }

    public void Dispose()
    {
        Guard(() => _file?.Dispose());
        _hash.Dispose();
    }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(ex);
        }
    }

    private void Fail(Exception ex)
    {
        var file = _file;
        _file = null;
        Failure ??= ex.Message;
        try
        {
            file?.Dispose();
        }
        catch (IOException)
        {
            // Closing flushes what could not be written: the same failure again.
        }
    }
}
