namespace Dotlanth.Evidence.Hooks;

/// <summary>A commit a push sends, the refs it goes out as, and whether the work tree already is that commit, clean.</summary>
public sealed record PushTarget(string Commit, IReadOnlyList<string> Refs, bool InPlace, string Why);
