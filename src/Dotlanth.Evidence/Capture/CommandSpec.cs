using System.Collections.Immutable;

namespace Dotlanth.Evidence.Capture;

/// <summary>An immutable description of one child process: argv is passed to exec as is, never re-split by a shell.</summary>
public sealed record CommandSpec
{
    public CommandSpec(IEnumerable<string> argv)
    {
        Argv = [.. argv];
        if (Argv.IsEmpty || string.IsNullOrEmpty(Argv[0]))
        {
            throw new ArgumentException("A command needs a program name.", nameof(argv));
        }
    }

    public ImmutableArray<string> Argv { get; }

    /// <summary>Null means the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Added or replaced variables; a null value removes the variable.</summary>
    public ImmutableDictionary<string, string?> Environment { get; init; } = ImmutableDictionary<string, string?>.Empty;

    public TimeSpan? Timeout { get; init; }

    /// <summary>Time between the polite signal and SIGKILL when a tree is stopped.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long output is still read after the child exits, for descendants that keep the pipes open.</summary>
    public TimeSpan DrainAfterExit { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>When false the child reads /dev/null instead of the caller's stdin.</summary>
    public bool InheritStdin { get; init; } = true;

    /// <summary>
    /// Runs the child in a pseudo-terminal sized like this process's terminal, as if it were typed there: it sees a
    /// terminal (colours, progress, full-screen), keystrokes and window resizes reach it, and its stdout and stderr
    /// arrive as one stream, on the stdout sink.
    /// </summary>
    public bool Terminal { get; init; }

    public CommandSpec WithEnvironment(string name, string? value) => this with { Environment = Environment.SetItem(name, value) };
}
