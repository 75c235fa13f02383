namespace Dotlanth.Evidence.Tests.Support;

/// <summary>A repository shape ready to run in: where, with which options, where the bundle lands, what to expect.</summary>
public sealed record MadeShape(
    string WorkTree,
    string Cwd,
    string[] Args,
    string Store,
    string[] StoreExcludes,
    string[] NotApplied,
    bool ExpectDirty,
    Action<BundleOnDisk>? Extra);
