
namespace Dotlanth.Evidence.Options;

/// <summary>Which limits the user set on the command line, so they win over evidence.yml.</summary>
public sealed record ExplicitSettings(bool MaxOutputBytes, bool KillGrace, bool DiffBudgetBytes);
