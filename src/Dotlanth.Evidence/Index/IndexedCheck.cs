namespace Dotlanth.Evidence.Index;

/// <summary>One check attempt of an indexed run; <see cref="Command"/> is its argv as recorded (redacted), shell-quoted.</summary>
public sealed record IndexedCheck(string Name, int Attempt, string Status, int ExitCode, long DurationMs, string? Command = null);
