namespace Dotlanth.Evidence.Runs;

/// <summary>The part of a check record that decides the outcome.</summary>
public sealed record CheckSummary(string Name, int Attempt, string Status, bool Required, int ExitCode);
