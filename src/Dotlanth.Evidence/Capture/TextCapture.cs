using System.Buffers;
using System.Text;

namespace Dotlanth.Evidence.Capture;

/// <summary>Collects a small output (a git answer) in memory, refusing to grow past a cap.</summary>
public sealed class TextCapture(int maxBytes = 16 * 1024 * 1024) : IOutputSink
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public bool Overflowed { get; private set; }

    public string Text => Encoding.UTF8.GetString(_buffer.WrittenSpan);

    public ReadOnlySpan<byte> Bytes => _buffer.WrittenSpan;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        var room = maxBytes - _buffer.WrittenCount;
        if (chunk.Length > room)
        {
            Overflowed = true;
            chunk = chunk[..Math.Max(0, room)];
        }

        _buffer.Write(chunk);
    }

    public void Complete()
    {
    }
}
