namespace Dotlanth.Evidence.Tests.Support;

/// <summary>Tests that pack projects of this repository share a collection, so two packs never build the same folders at once.</summary>
[CollectionDefinition("packing")]
public sealed class PackingTests;
