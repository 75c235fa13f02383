using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// A file that stops being written at its first storage failure (a full disk, an I/O error) instead of throwing:
/// the failure is kept in <see cref="Failure"/> and reported once, and the file is closed and left alone after it.
/// </summary>
internal sealed class GuardedFile : IDisposable
{
    private readonly Action<Exception>? _onFailure;

    /// <param name="open">Opens the file; null for no file at all (nothing is written, nothing fails).</param>
    public GuardedFile(Func<FileStream>? open, Action<Exception>? onFailure = null)
    {
        _onFailure = onFailure;
        if (open is not null)
        {
            try
            {
                Stream = open();
            }
            catch (Exception ex) when (StorageFaults.Is(ex))
            {
                Fail(ex);
            }
        }
    }

    /// <summary>The file while it is still good; null once a write failed (or when there is none).</summary>
    public FileStream? Stream { get; private set; }

    /// <summary>Why the file stopped being written, or null while it is whole.</summary>
    public string? Failure { get; private set; }

    /// <summary>Runs a write against the file while it is still good. Span writes catch for themselves and call <see cref="Fail"/>.</summary>
    public void Write(Action<FileStream> write)
    {
        if (Stream is not { } file)
        {
            return;
        }

        try
        {
            write(file);
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            Fail(ex);
        }
    }

    public void Fail(Exception failure)
    {
        var file = Stream;
        Stream = null;
        try
        {
            file?.Dispose();
        }
        catch (Exception closing) when (StorageFaults.Is(closing))
        {
            // Closing flushes what could not be written: the same failure again.
        }

        if (Failure is null)
        {
            Failure = failure.Message;
            _onFailure?.Invoke(failure);
        }
    }

    public void Dispose() => Write(file => file.Dispose());
}
