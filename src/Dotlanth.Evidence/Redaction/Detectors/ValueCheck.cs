namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>Whether a value found next to a sensitive name is masked: any real value for a strong name, a secret-shaped one for a weak name.</summary>
internal static class ValueCheck
{
    public const int MinimumLength = 4;

    public static bool Accepts(ReadOnlySpan<char> value, NameStrength strength) =>
        strength switch
        {
            NameStrength.Strong => value.Length >= MinimumLength && !Placeholders.IsPlaceholder(value),
            NameStrength.Weak => SecretShape.IsRandom(value),
            _ => false,
        };
}
