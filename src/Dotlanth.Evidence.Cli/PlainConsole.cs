using System.Text;
using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Cli;

/// <summary>
/// Standard output and error as plain descriptor streams. The runtime's console streams switch a terminal to keypad mode
/// (ESC[?1h ESC=) on first use when stdin is a terminal, which then shows up in the user's terminal and in captured
/// output; this tool only writes bytes and lines and needs none of that.
/// </summary>
internal static class PlainConsole
{
    /// <summary>Makes Console.Out and Console.Error plain writers (everywhere but Windows, where fds 1 and 2 are not handles).</summary>
    public static void Install()
    {
        if (!OperatingSystem.IsWindows())
        {
            Console.SetOut(Writer(1));
            Console.SetError(Writer(2));
        }
    }

    public static Stream Stdout() => OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : Open(1);

    public static Stream Stderr() => OperatingSystem.IsWindows() ? Console.OpenStandardError() : Open(2);

    // write(2), never a FileStream: over a regular file that writes at its own position, and a shell writing after
    // the tool into the same file would overwrite what the tool (and the command through it) printed.
    private static DescriptorStream Open(int fd) => new(fd);

    private static TextWriter Writer(int fd) =>
        TextWriter.Synchronized(new StreamWriter(Open(fd), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096) { AutoFlush = true });
}
