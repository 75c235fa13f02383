namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// action-validator (npm @action-validator/cli): checks action.yml and workflows against GitHub's published schemas.
/// build/test-prereqs.sh installs it and names it in EVIDENCE_ACTION_VALIDATOR.
/// </summary>
public static class ActionValidator
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("EVIDENCE_ACTION_VALIDATOR") is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(SchemaValidator.RepoRoot, "artifacts", "tools", "action-validator", "node_modules", ".bin", "action-validator");
}
