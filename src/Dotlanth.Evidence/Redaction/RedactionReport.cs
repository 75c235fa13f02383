using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Redaction;

/// <summary>Where the secrets in a stream are — line, column, byte offset, rule, length — without ever their values.</summary>
public static class RedactionReport
{
    public static void Write(Stream input, IRedactor redactor, Stream output, bool json)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(output);
        var lines = new LineIndex();
        var writer = new StreamWriter(output, new UTF8Encoding(false)) { AutoFlush = false };
        var sink = redactor.Wrap(new DiscardingSink(), hit =>
        {
            var (line, column) = lines.Locate(hit.Offset);
            writer.WriteLine(json
                ? new JsonObject { ["rule"] = hit.RuleId, ["line"] = line, ["column"] = column, ["offset"] = hit.Offset, ["length"] = hit.Length }.ToJsonString()
                : string.Create(CultureInfo.InvariantCulture, $"{line}:{column}\t{hit.RuleId}\t{hit.Length} bytes"));
        });
        Feed(input, lines, sink);
        writer.Flush();
    }

    /// <summary>Reads the input through the redacting sink, keeping the line index in step for the hits it reports.</summary>
    internal static void Feed(Stream input, LineIndex lines, IOutputSink sink)
    {
        var buffer = new byte[128 * 1024];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            lines.Add(buffer.AsSpan(0, read));
            sink.Write(buffer.AsSpan(0, read));
        }

        sink.Complete();
    }

    public static void Pump(Stream input, IOutputSink sink)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var buffer = new byte[128 * 1024];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            sink.Write(buffer.AsSpan(0, read));
        }

        sink.Complete();
    }


    /// <summary>Newline offsets not yet passed; hits arrive in increasing offset order, so older ones are dropped.</summary>
    internal sealed class LineIndex
    {
        private readonly Queue<long> _newlines = new();
        private long _seen;
        private long _line = 1;
        private long _lineStart;

        public void Add(ReadOnlySpan<byte> chunk)
        {
            for (var at = chunk.IndexOf((byte)'\n'); at >= 0;)
            {
                _newlines.Enqueue(_seen + at);
                var next = chunk[(at + 1)..].IndexOf((byte)'\n');
                at = next < 0 ? -1 : at + 1 + next;
            }

            _seen += chunk.Length;
        }

        public (long Line, long Column) Locate(long offset)
        {
            while (_newlines.Count > 0 && _newlines.Peek() < offset)
            {
                _lineStart = _newlines.Dequeue() + 1;
                _line++;
            }

            return (_line, offset - _lineStart + 1);
        }
    }
}
