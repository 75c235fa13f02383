
namespace Dotlanth.Evidence.Options;

/// <summary>Where live output and progress go: the terminal for the CLI, nothing for a host that only wants the bundle.</summary>
public sealed record RunConsole(Stream? Stdout, Stream? Stderr, TextWriter Messages)
{
    /// <summary>
    /// Checks run in a pseudo-terminal, as if typed at this one: true when the front end's stdout is a terminal and the
    /// user did not ask for pipes (--no-tty). Their stdout and stderr then arrive as one stream.
    /// </summary>
    public bool Terminal { get; init; }

    /// <summary>False when the front end's stdin is not the user's (an MCP server reads its protocol there): checks then read /dev/null.</summary>
    public bool InheritStdin { get; init; } = true;

    public static RunConsole Silent { get; } = new(null, null, TextWriter.Null);
}
