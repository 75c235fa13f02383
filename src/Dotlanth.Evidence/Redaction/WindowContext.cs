namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// The last lines a redacting sink has written (at most <see cref="MaxLines"/> lines and <see cref="MaxBytes"/> bytes),
/// read again before the next window so a name and its value a few lines apart are seen together wherever a window ends.
/// Detectors look no further back than this, so where windows end never changes a result.
/// </summary>
internal sealed class WindowContext
{
    public const int MaxLines = 33;

    public const int MaxBytes = 4096;

    private readonly byte[] _buffer = new byte[MaxBytes];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Keep(ReadOnlySpan<byte> written)
    {
        if (written.Length >= MaxBytes)
        {
            written[^MaxBytes..].CopyTo(_buffer);
            Length = MaxBytes;
        }
        else
        {
            var keep = Math.Min(Length, MaxBytes - written.Length);
            _buffer.AsSpan(Length - keep, keep).CopyTo(_buffer);
            written.CopyTo(_buffer.AsSpan(keep));
            Length = keep + written.Length;
        }

        // Only whole lines, and no more of them than a detector reads.
        var lines = 0;
        var from = Length;
        while (from > 0)
        {
            var nl = _buffer.AsSpan(0, from - 1).LastIndexOf((byte)'\n');
            if (nl < 0 || ++lines >= MaxLines)
            {
                from = nl < 0 ? from : nl + 1;
                break;
            }

            from = nl + 1;
        }

        if (from > 0 && from < Length)
        {
            _buffer.AsSpan(from, Length - from).CopyTo(_buffer);
            Length -= from;
        }
    }
}
