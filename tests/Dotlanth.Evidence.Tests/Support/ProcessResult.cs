namespace Dotlanth.Evidence.Tests.Support;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
