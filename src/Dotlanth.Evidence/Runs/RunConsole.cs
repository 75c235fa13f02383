namespace Dotlanth.Evidence.Runs;

/// <summary>Where live output and progress go: the terminal for the CLI, nothing for a host that only wants the bundle.</summary>
public sealed record RunConsole(Stream? Stdout, Stream? Stderr, TextWriter Messages)
{
    public static RunConsole Silent { get; } = new(null, null, TextWriter.Null);
}
