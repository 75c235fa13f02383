namespace Dotlanth.Evidence.Git;

/// <summary>One repository fact: its value, or null with the code and reason the bundle lists it missing under.</summary>
public sealed record RepoFact(string? Value, string? Code, string? Reason)
{
    public static RepoFact Known(string value) => new(value, null, null);

    public static RepoFact Unknown(string code, string reason) => new(null, code, reason);
}
