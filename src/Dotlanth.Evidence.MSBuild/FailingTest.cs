namespace Dotlanth.Evidence.MSBuild;

/// <summary>One failing test of the result file; <see cref="Path"/> is absolute when the repository root was known.</summary>
internal sealed record FailingTest(string Name, string Status, string? File, string? Path, int? Line, string? Message);
