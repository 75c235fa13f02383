namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// How surely a name in text says its value is a secret: <c>DB_PASSWORD</c> is strong, <c>CACHE_KEY</c> weak (its
/// value is masked only when it looks like a secret), <c>PASSWORD_MIN_LENGTH</c> not sensitive at all.
/// </summary>
public enum NameStrength
{
    None,
    Weak,
    Strong,
}
