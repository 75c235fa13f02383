using System.Runtime.InteropServices;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// A write-only stream over an inherited file descriptor (the tool's stdout or stderr) that writes with write(2),
/// as a program's own output does. A FileStream over a regular file writes at its own remembered position
/// instead (pwrite), so a shell writing after the tool into the same file (<c>{ run; echo next; } &gt; log</c>)
/// would overwrite the tool's output; the runtime's console stream would switch a terminal to keypad mode.
/// </summary>
public sealed unsafe class DescriptorStream(int fd) : Stream
{
    private const int EAGAIN = 11;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                var n = NativeTerminal.write(fd, start + written, buffer.Length - written);
                if (n >= 0)
                {
                    written += (int)n;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == EAGAIN)
                {
                    // A descriptor someone made non-blocking (a full pipe): wait for room rather than drop bytes.
                    Thread.Sleep(1);
                }
                else if (errno != Native.EINTR)
                {
                    throw new IOException($"writing to file descriptor {fd} failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
                }
            }
        }
    }

    public override void Flush()
    {
        // Unbuffered: every Write is already a write(2).
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
