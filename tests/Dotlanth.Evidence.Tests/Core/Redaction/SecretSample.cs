namespace Dotlanth.Evidence.Tests.Core.Redaction;

/// <summary>A realistic (fake) secret as it appears in output: the snippet around it, the value to mask, and contexts that cannot hold it.</summary>
public sealed record SecretSample(string RuleId, string Snippet, string Secret, params string[] NotApplicable)
{
    public override string ToString() => RuleId;
}
