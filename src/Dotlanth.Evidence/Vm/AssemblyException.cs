namespace Dotlanth.Evidence.Vm;

/// <summary>A program that cannot be assembled; the position is 1-based.</summary>
public sealed class AssemblyException(string file, int line, int column, string message)
    : Exception($"{file}({line},{column}): {message}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Reason { get; } = message;
}
