namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// The last lines a redacting sink has written, read again before the next window so a name and its value a few lines
/// apart are seen together wherever a window ends: the last <see cref="PairLines"/> lines (the furthest a name's value
/// may be), and back to a Secret's <c>data:</c> line when one is within <see cref="MaxLines"/> lines (its entries follow
/// it); never more than <see cref="MaxBytes"/> bytes. Detectors look no further back than this, so where windows end
/// never changes a result, and a window re-reads little.
/// </summary>
internal sealed class WindowContext
{
    public const int PairLines = 5;

    public const int MaxLines = 33;

    public const int MaxBytes = 4096;

    private static readonly byte[] DataKey = "data"u8.ToArray();

    private readonly byte[] _buffer = new byte[MaxBytes];
    private int _kept;

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Keep(ReadOnlySpan<byte> written)
    {
        // The last MaxBytes of everything written so far (whole lines are cut below).
        if (written.Length >= MaxBytes)
        {
            written[^MaxBytes..].CopyTo(_buffer);
            _kept = MaxBytes;
        }
        else
        {
            var keep = Math.Min(_kept, MaxBytes - written.Length);
            _buffer.AsSpan(_kept - keep, keep).CopyTo(_buffer);
            written.CopyTo(_buffer.AsSpan(keep));
            _kept = keep + written.Length;
        }

        var all = _buffer.AsSpan(0, _kept);
        var pairFrom = StartOfLastLines(all, PairLines);
        var from = pairFrom;
        var dataFrom = StartOfLastLines(all, MaxLines);
        var data = all[dataFrom..pairFrom].IndexOf(DataKey);
        if (data >= 0)
        {
            from = dataFrom + data;
            var lineStart = all[..from].LastIndexOf((byte)'\n');
            from = lineStart + 1;
        }

        Length = _kept - from;
        if (from > 0)
        {
            all[from..].CopyTo(_buffer);
            _kept = Length;
        }
    }

    private static int StartOfLastLines(ReadOnlySpan<byte> text, int lines)
    {
        var from = text.Length;
        var end = text.Length > 0 && text[^1] == (byte)'\n' ? text.Length - 1 : text.Length;
        for (var count = 0; count < lines; count++)
        {
            var nl = text[..end].LastIndexOf((byte)'\n');
            if (nl < 0)
            {
                return 0;
            }

            from = nl + 1;
            end = nl;
        }

        return from;
    }
}
