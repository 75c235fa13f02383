using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Redaction;

/// <summary>A user redaction rule that cannot be used; carries the one-line error for the front end.</summary>
public sealed class RedactionConfigException(EvidenceError error) : Exception(error?.Message)
{
    public EvidenceError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}
