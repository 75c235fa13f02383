
namespace Dotlanth.Evidence.Facts;

/// <summary>The part of a check record that decides the outcome; <see cref="Seq"/> is the seq of its proc.exec attempt.</summary>
public sealed record CheckSummary(string Name, int Attempt, string Status, bool Required, int ExitCode, long Seq = 0);
