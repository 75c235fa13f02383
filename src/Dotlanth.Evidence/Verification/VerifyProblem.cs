namespace Dotlanth.Evidence.Verification;

/// <summary>One thing wrong with a bundle: the file it is in and what is wrong.</summary>
public sealed record VerifyProblem(string File, string Message);
