using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Redaction.Catalog;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Streams bytes through the engine in windows of whole lines (at most <see cref="Window"/> bytes). A line longer than
/// a window is cut at a fixed place with an overlap, so a secret on the cut is still seen whole. Where windows start
/// depends only on the content, never on how the input was chunked.
/// </summary>
internal sealed class WindowedRedactingSink(Redactor redactor, IOutputSink downstream, Action<RedactionHit>? onHit, StreamPair? pair = null) : IOutputSink
{
    // 32 KiB keeps each window's Latin-1 string (64 KB) off the large object heap; the overlap exceeds the longest
    // pattern match (a 14 KB JWT), so a secret on a cut is always seen whole.
    public const int Window = 32 * 1024;
    public const int Overlap = 16 * 1024;

    private static readonly byte[] PemBegin = "-----BEGIN "u8.ToArray();
    private static readonly byte[] PemEnd = "-----END "u8.ToArray();

    private static readonly System.Buffers.SearchValues<byte> ValueEnds = System.Buffers.SearchValues.Create(" \t\r\n\"'`,;<>"u8);

    private readonly List<SecretSpan> _spans = [];
    private readonly WindowContext _context = new();
    private byte[] _scratch = [];
    private string? _continuing;
    // Grows on demand: most sinks redact one short string and never need a whole window.
    private byte[] _buffer = [];
    private int _start;
    private int _length;
    private long _offset;
    private bool _insideKey;
    // Stretches a stream pair found across the junction with the other stream, by absolute offset.
    private List<(long Offset, int Length, string RuleId)>? _forced;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        if (pair is null)
        {
            Take(chunk);
            return;
        }

        lock (pair.Gate)
        {
            Take(chunk);
        }
    }

    private void Take(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            Compact(chunk.Length);
            Grow(chunk.Length);
            var take = Math.Min(chunk.Length, _buffer.Length - _start - _length);
            chunk[..take].CopyTo(_buffer.AsSpan(_start + _length));
            _length += take;
            chunk = chunk[take..];
            pair?.Check(this);
            Drain(final: false);
        }
    }

    /// <summary>
    /// The held text before each of the last line ends (and the unfinished last line), at most <paramref name="reach"/>
    /// bytes each, with the offset of their first byte: where a value continued on the other stream may have been cut.
    /// </summary>
    internal List<(ArraySegment<byte> Bytes, long Offset)> RecentLineEnds(int reach, int count)
    {
        var found = new List<(ArraySegment<byte>, long)>(count + 1);
        var end = _length;
        for (var i = 0; i <= count && end > 0; i++)
        {
            var held = _buffer.AsSpan(_start, end);
            var lineStart = held.LastIndexOf((byte)'\n') + 1;
            var contentEnd = end;
            if (lineStart == end)
            {
                // The held text ends a line: the cut may be right before that line end.
                contentEnd = end - 1;
                lineStart = held[..contentEnd].LastIndexOf((byte)'\n') + 1;
            }

            var from = Math.Max(lineStart, contentEnd - reach);
            found.Add((new ArraySegment<byte>(_buffer, _start + from, contentEnd - from), _offset + from));
            end = lineStart;
        }

        return found;
    }

    /// <summary>The first bytes of each of the last lines held (at most <paramref name="reach"/> each), with their offsets.</summary>
    internal List<(ArraySegment<byte> Bytes, long Offset)> RecentLineStarts(int reach, int count)
    {
        var found = new List<(ArraySegment<byte>, long)>(count);
        var held = _buffer.AsSpan(_start, _length);
        var end = held.Length;
        for (var i = 0; i < count && end > 0; i++)
        {
            var lineStart = held[..(end - 1)].LastIndexOf((byte)'\n') + 1;
            found.Add((new ArraySegment<byte>(_buffer, _start + lineStart, Math.Min(reach, held.Length - lineStart)), _offset + lineStart));
            end = lineStart;
        }

        return found;
    }

    /// <summary>
    /// How much of <paramref name="lines"/> (whole lines) may be decided now: not a value label among the last few lines
    /// (<c>"value": …</c> then <c>"name": "API_KEY"</c>), whose name may come after it, in output not seen yet. Such a line
    /// waits for the next window, so where a window ends never decides whether a value-first pair is masked.
    /// </summary>
    private static int UpToValueFirst(ReadOnlySpan<byte> lines, bool mustProgress)
    {
        var end = lines.Length;
        var cut = lines.Length;
        for (var count = 0; count < Detectors.TextLines.MaxLines && end > 0; count++)
        {
            var start = lines[..(end - 1)].LastIndexOf((byte)'\n') + 1;
            if (HasValueLabel(lines[start..end]))
            {
                cut = start;
            }

            end = start;
        }

        // A full window of nothing but such lines is decided anyway, to make progress; a flush can wait.
        return cut > 0 || !mustProgress ? cut : lines.Length;
    }

    private static bool HasValueLabel(ReadOnlySpan<byte> line)
    {
        for (var at = line.IndexOf("alue"u8); at >= 0;)
        {
            var word = at - 1;
            var after = at + 4;
            if (word >= 0 && (line[word] | 0x20) == 'v' && (word == 0 || !char.IsAsciiLetterOrDigit((char)line[word - 1])))
            {
                while (after < line.Length && line[after] is (byte)'"' or (byte)'\'' or (byte)'\\' or (byte)' ' or (byte)'\t')
                {
                    after++;
                }

                if (after < line.Length && line[after] is (byte)':' or (byte)'=')
                {
                    return true;
                }
            }

            var next = line[(at + 1)..].IndexOf("alue"u8);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    /// <summary>How much of <paramref name="held"/> a flush may pass on: up to the first line that may finish a known value.</summary>
    private int HeldForPair(ReadOnlySpan<byte> held)
    {
        for (var lineStart = 0; lineStart < held.Length;)
        {
            var nl = held[lineStart..].IndexOf((byte)'\n');
            var line = nl < 0 ? held[lineStart..] : held.Slice(lineStart, nl);
            if (pair!.MayFinishAValue(line) || pair.MayStartAValue(line))
            {
                return lineStart;
            }

            lineStart = nl < 0 ? held.Length : lineStart + nl + 1;
        }

        return held.Length;
    }

    /// <summary>True when nothing is held (everything written so far has been passed on).</summary>
    internal bool IsEmpty => _length == 0;

    internal void Force(long offset, int length, string ruleId) => (_forced ??= []).Add((offset, length, ruleId));

    /// <summary>
    /// Redacts and passes on the whole lines held so far, so a crash loses only the last moment of output. Only key
    /// blocks span line ends (each line of a known value is a needle of its own): an open block is held back until its
    /// END arrives, so flushing never changes a result.
    /// </summary>
    public void Flush()
    {
        if (pair is null)
        {
            FlushHeld();
            return;
        }

        lock (pair.Gate)
        {
            FlushHeld();
        }
    }

    private void FlushHeld()
    {
        if (_insideKey)
        {
            downstream.Flush();
            return;
        }

        var held = _buffer.AsSpan(_start, _length);
        // A block is closed once its END marker line is whole; until then it waits from its BEGIN line on.
        var openBlock = held.LastIndexOf(PemBegin);
        var end = openBlock < 0 ? -1 : held[openBlock..].IndexOf(PemEnd);
        if (openBlock >= 0 && (end < 0 || held[(openBlock + end)..].IndexOf((byte)'\n') < 0))
        {
            held = held[..openBlock];
        }

        if (pair is not null)
        {
            held = held[..HeldForPair(held)];
        }

        var lastNewline = held.LastIndexOf((byte)'\n');
        if (lastNewline >= 0 && UpToValueFirst(held[..(lastNewline + 1)], mustProgress: false) is var decided and > 0)
        {
            var consumed = Emit(held[..decided], decided, decided);
            _start += consumed;
            _length -= consumed;
            _offset += consumed;
        }

        downstream.Flush();
    }

    public void Complete()
    {
        if (pair is null)
        {
            Finish();
            return;
        }

        // The two pipes end in any order: the first stream to end waits, held, until the other has ended too, so the
        // start of a known value arriving last can still mask its rest.
        lock (pair.Gate)
        {
            pair.Ended(this);
        }
    }

    /// <summary>Redacts and passes on everything still held, and ends the stream.</summary>
    internal void Finish()
    {
        Drain(final: true);
        downstream.Complete();
    }

    private void Drain(bool final)
    {
        while (_length >= Window || (final && _length > 0))
        {
            var window = _buffer.AsSpan(_start, Math.Min(_length, Window));
            var lastNewline = window.LastIndexOf((byte)'\n');
            int consumed;
            if (_length < Window)
            {
                consumed = Emit(window, window.Length, window.Length);
            }
            else if (lastNewline >= 0)
            {
                var decided = UpToValueFirst(window[..(lastNewline + 1)], mustProgress: true);
                consumed = Emit(window[..decided], decided, decided);
            }
            else
            {
                // One line longer than a window: decide only what starts before the cut; the rest is looked at again.
                consumed = Emit(window, Window - Overlap, Window - Overlap);
            }

            _start += consumed;
            _length -= consumed;
            _offset += consumed;
        }
    }

    /// <summary>
    /// Masks spans starting before <paramref name="cut"/>, writes up to the end of the last of them (at least the cut).
    /// The lines written before are read again as context, so a value whose name was in an earlier window is still
    /// known for what it is.
    /// </summary>
    private int Emit(ReadOnlySpan<byte> window, int cut, int pemLimit)
    {
        var skip = _context.Length;
        ReadOnlySpan<byte> scan = window;
        if (skip > 0)
        {
            if (_scratch.Length < skip + window.Length)
            {
                _scratch = new byte[Math.Max(skip + window.Length, _scratch.Length * 2)];
            }

            _context.Span.CopyTo(_scratch);
            window.CopyTo(_scratch.AsSpan(skip));
            scan = _scratch.AsSpan(0, skip + window.Length);
        }

        _spans.Clear();
        redactor.Engine.FindSpans(scan, skip, skip + pemLimit, ref _insideKey, _spans);
        if (_continuing is { } rule)
        {
            // A value cut at the end of the last window goes on here; its rest is masked too.
            var chars = BuiltInRules.ValueCharsOf(rule) ?? "";
            var run = 0;
            while (run < window.Length && (chars.Length > 0 ? chars.Contains((char)window[run], StringComparison.Ordinal) : !ValueEnds.Contains(window[run])))
            {
                run++;
            }

            if (run > 0)
            {
                _spans.Add(new SecretSpan(skip, run, rule, Counted: false));
            }

            _continuing = null;
        }

        if (_forced is { Count: > 0 })
        {
            foreach (var (offset, length, forcedRule) in _forced)
            {
                var start = offset - _offset;
                if (start < window.Length && start + length > 0)
                {
                    var from = (int)Math.Max(0, start);
                    _spans.Add(new SecretSpan(skip + from, (int)Math.Min(window.Length, start + length) - from, forcedRule));
                }
            }

            _forced.RemoveAll(f => f.Offset + f.Length <= _offset + cut);
        }

        SpanMerger.Merge(_spans);
        var pos = 0;
        SecretSpan? last = null;
        foreach (var found in _spans)
        {
            if (found.End <= skip)
            {
                continue;
            }

            var span = found with { Start = Math.Max(0, found.Start - skip), Length = found.End - Math.Max(skip, found.Start) };
            if (span.Start >= cut)
            {
                break;
            }

            if (span.Start < pos)
            {
                continue;
            }

            downstream.Write(window[pos..span.Start]);
            downstream.Write(MaskOf(span, window.Slice(span.Start, span.Length)));
            if (span.Counted)
            {
                redactor.CountHit(span.RuleId);
            }

            onHit?.Invoke(new RedactionHit(span.RuleId, _offset + span.Start, span.Length));
            pos = span.End;
            last = span;
        }

        var end = Math.Max(pos, cut);
        downstream.Write(window[pos..end]);
        if (last is { } tail && tail.End == window.Length && cut < window.Length && window[^1] != (byte)'\n' && BuiltInRules.ValueCharsOf(tail.RuleId) is not null)
        {
            _continuing = tail.RuleId;
        }

        _context.Keep(window[..end]);
        return end;
    }

    private byte[] MaskOf(SecretSpan span, ReadOnlySpan<byte> secret)
    {
        if (span.Encoding == SpanEncoding.Bytes)
        {
            return redactor.TokenBytes(span.RuleId, secret);
        }

        // UTF-16 text gets a UTF-16 mask of the same byte order; the tag is of the characters, so it matches the UTF-8 one.
        var narrow = new byte[secret.Length / 2];
        var lowFirst = span.Encoding == SpanEncoding.Utf16LittleEndian;
        for (var i = 0; i < narrow.Length; i++)
        {
            narrow[i] = secret[(2 * i) + (lowFirst ? 0 : 1)];
        }

        var token = redactor.TokenBytes(span.RuleId, narrow);
        var wide = new byte[token.Length * 2];
        for (var i = 0; i < token.Length; i++)
        {
            wide[(2 * i) + (lowFirst ? 0 : 1)] = token[i];
        }

        return wide;
    }

    private void Grow(int incoming)
    {
        var needed = _start + _length + Math.Min(incoming, Window);
        if (needed > _buffer.Length && _buffer.Length < Window * 2)
        {
            Array.Resize(ref _buffer, Math.Min(Window * 2, Math.Max(needed, Math.Max(256, _buffer.Length * 2))));
        }
    }

    private void Compact(int incoming)
    {
        if (_start > 0 && _start + _length + Math.Min(incoming, Window) > _buffer.Length)
        {
            _buffer.AsSpan(_start, _length).CopyTo(_buffer);
            _start = 0;
        }
    }
}
