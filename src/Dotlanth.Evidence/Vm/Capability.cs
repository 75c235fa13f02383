namespace Dotlanth.Evidence.Vm;

/// <summary>A declared permission: a syscall name and a pattern over its arguments (argv, path glob, variable name).</summary>
public sealed record Capability(string Syscall, string Pattern);
