using System.Runtime.InteropServices;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Runs;

namespace Dotlanth.Evidence.Cli;

/// <summary>Runs a session with the terminal attached and SIGINT/SIGTERM turned into a sealed, cancelled bundle.</summary>
internal static class Runner
{
    public static int Run(RunOptions options, bool verbose, bool github = false, bool terminal = false, string? resultFile = null)
    {
        // A run with a command reads no evidence.yml, but an s3:// store there still gets its bundle.
        options = options.Into is null ? options with { PushTo = PushDestination.Of(options) } : options;
        return Run((console, interrupt) => RunSession.Execute(options, console, interrupt), verbose, github, terminal, resultFile);
    }

    /// <param name="terminal">Run checks in a pseudo-terminal when stdout is a terminal (not under --github).</param>
    /// <param name="resultFile">Where to write the machine-readable result (schemas/v1/run-result.schema.json), whatever happens.</param>
    public static int Run(Func<RunConsole, Interrupt, RunReport> session, bool verbose, bool github = false, bool terminal = false, string? resultFile = null)
    {
        var result = new ResultFile(resultFile);
        if (RunSession.UnsupportedPlatform() is { } unsupported)
        {
            Console.Error.WriteLine(ErrorLines.Of(unsupported));
            return result.NotRecorded(ExitCodes.Usage, unsupported);
        }

        using var interrupt = new Interrupt();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Raise(context, interrupt, 2));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Raise(context, interrupt, 15));
        var console = new RunConsole(PlainConsole.Stdout(), PlainConsole.Stderr(), Console.Error)
        {
            Terminal = terminal && !github && !Console.IsOutputRedirected,
        };
        var gitHub = github ? new GitHubReport() : null;
        try
        {
            gitHub?.Stop();
            RunReport report;
            try
            {
                report = session(console, interrupt);
            }
            finally
            {
                gitHub?.Resume();
            }

            Print(report);
            result.Of(report);
            StoreCli.PushSealed(report);
            gitHub?.Run(report);
            return report.ExitCode;
        }
        catch (EvidenceException refused)
        {
            Console.Error.WriteLine(ErrorLines.Of(refused.Error));
            return result.NotRecorded(ExitCodes.Usage, refused.Error);
        }
        catch (Exception ex)
        {
            var failure = new EvidenceError(Codes.BundleWriteFailed, $"the bundle could not be written: {ex.Message}", "check that the store folder is writable (--out)");
            Console.Error.WriteLine(ErrorLines.Of(failure));
            if (verbose)
            {
                Console.Error.WriteLine(ex);
            }

            return result.NotRecorded(ExitCodes.ToolError, failure);
        }
    }

    public static void Print(RunReport report)
    {
        foreach (var error in report.Errors)
        {
            Console.Error.WriteLine(ErrorLines.Of(error));
        }

        var path = Path.GetRelativePath(Environment.CurrentDirectory, report.BundlePath);
        if (report.Sealed is null && report.Step is null)
        {
            // Not sealed: the error line above says what was lost and where the staging folder is.
            return;
        }

        Console.Error.WriteLine(report.Step is { } step
            ? $"dotnet-evidence: step {step} {report.Outcome.ToWire()} in open run {report.RunId} ('dotnet evidence end' seals it)"
            : $"dotnet-evidence: {report.Outcome.ToWire()} run {report.RunId} bundle {path}");
    }

    private static void Raise(PosixSignalContext context, Interrupt interrupt, int signal)
    {
        // Keep the process alive long enough to stop the child and seal the bundle.
        context.Cancel = true;
        interrupt.Raise(signal);
    }
}
