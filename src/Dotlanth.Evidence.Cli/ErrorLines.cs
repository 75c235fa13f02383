using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Cli;

/// <summary>
/// An error line as the CLI prints it: one line, through the redactor, since it may echo what the user typed (a run
/// selector, a store URI, a path) and standard error is often kept in CI logs.
/// </summary>
internal static class ErrorLines
{
    public static string Of(EvidenceError error, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(error);
        return Redactor.Create(Facts.ProcessEnvironment.Read()).Redact("dotnet-evidence: " + prefix + error.ToLine());
    }

    /// <summary>The same line as a warning: the command goes on.</summary>
    public static string Warning(EvidenceError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Redactor.Create(Facts.ProcessEnvironment.Read()).Redact("dotnet-evidence: " + error.ToLine("warning"));
    }
}
