namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>
/// A place where a name and its secret value turn up together in real output. <see cref="Write"/> lays out one pair;
/// <see cref="Forms"/> gives what of the value must not survive (the context may encode it).
/// </summary>
public sealed record PairContext(string Name, NameStyle Style, Func<string, string, string> Write, Func<string, IEnumerable<string>>? Forms = null, bool AllowsSpaces = false)
{
    public IEnumerable<string> FormsOf(string value) => Forms?.Invoke(value) ?? [value];

    public override string ToString() => Name;
}
