using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Config;

/// <summary>A configuration that cannot be used, with its one-line error (file, line and column in <c>Where</c>).</summary>
public sealed class ConfigException(EvidenceError error) : Exception(error?.Message)
{
    public EvidenceError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}
