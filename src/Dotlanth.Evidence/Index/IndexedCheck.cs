namespace Dotlanth.Evidence.Index;

/// <summary>One check attempt of an indexed run.</summary>
public sealed record IndexedCheck(string Name, int Attempt, string Status, int ExitCode, long DurationMs);
