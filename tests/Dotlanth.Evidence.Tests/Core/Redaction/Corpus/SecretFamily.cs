namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>A kind of secret value: how to make one from a seeded random source, and which contexts can carry it.</summary>
public sealed record SecretFamily(string Name, Func<Random, string> Make, bool Quoted = false, bool Prose = true)
{
    public override string ToString() => Name;
}
