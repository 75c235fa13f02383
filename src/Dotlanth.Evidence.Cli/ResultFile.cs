using System.Text.Json.Nodes;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Cli;

/// <summary><c>run --result-file PATH</c>: the run's machine-readable result, written on every way out; nothing when no path was given.</summary>
internal sealed class ResultFile(string? path)
{
    public void Of(RunReport report)
    {
        if (path is not null)
        {
            // Built only when asked for: it reads the run's test records, which can be many.
            Write(RunResult.Of(report));
        }
    }

    /// <summary>Records that nothing was recorded, and returns the exit code for the caller to return.</summary>
    public int NotRecorded(int exitCode, EvidenceError error)
    {
        Write(RunResult.NotRecorded(exitCode, error));
        return exitCode;
    }

    private void Write(JsonObject result)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            RunResult.Write(path, result, Redactor.Create(ProcessEnvironment.Read()));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The run and its bundle stand; only this file is missing, which a reader treats as nothing recorded.
            Console.Error.WriteLine(ErrorLines.Warning(new EvidenceError(Codes.BundleWriteFailed, $"the result file {path} could not be written: {ex.Message}", "check that its folder is writable")));
        }
    }
}
