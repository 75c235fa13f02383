namespace Dotlanth.Evidence.Vm;

/// <summary>
/// A declared permission: a syscall name and a pattern over its arguments (argv, path glob, variable or artifact
/// name). <see cref="Source"/> says where it was declared: <c>program</c> (a <c>.cap</c> line) or <c>config</c>.
/// </summary>
public sealed record Capability(string Syscall, string Pattern, string Source = "program");
