namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>How a context spells the name of a secret: an environment variable, a config key, or words in a sentence.</summary>
public enum NameStyle
{
    Variable,
    Key,
    Words,
}
