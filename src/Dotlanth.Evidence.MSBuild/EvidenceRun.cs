using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Dotlanth.Evidence.MSBuild;

/// <summary>
/// Runs one command as a check of <c>dotnet-evidence run</c>, out of process, then reports from the run's result file
/// (schemas/v1/run-result.schema.json), never from console text: each failing test as a canonical error at its file
/// and line, the totals as a line the console shows, and a missing bundle as EVD0902 (an error when
/// <see cref="Required"/>). Returns false only for what it logged as an error.
/// </summary>
public sealed class EvidenceRun : ToolTask
{
    /// <summary>The CLI: dotnet-evidence.dll in the package's tools folder, run by the dotnet host (the portable build).</summary>
    [Required]
    public string EvidenceTool { get; set; } = string.Empty;

    /// <summary>
    /// The NativeAOT CLI for this machine, when the package has one (tools/native/RID/dotnet-evidence): run instead of the
    /// portable build, as it starts without the .NET runtime. The bundle's tool facts say which one ran.
    /// </summary>
    public string? NativeTool { get; set; }

    private bool _native;

    [Required]
    public string CheckName { get; set; } = string.Empty;

    /// <summary>The command's argv, one item per argument.</summary>
    public ITaskItem[] Command { get; set; } = [];

    /// <summary>Or a command line, run with <c>sh -c</c> (EvidenceCheck items).</summary>
    public string? ShellCommand { get; set; }

    /// <summary>Test reports the command writes (paths or globs); none: read none.</summary>
    public ITaskItem[] TestReports { get; set; } = [];

    [Required]
    public string ResultFile { get; set; } = string.Empty;

    public string? Store { get; set; }

    /// <summary>An open run to append to (begin/end), as one step.</summary>
    public string? RunId { get; set; }

    public string? WorkingDirectory { get; set; }

    /// <summary>No sealed bundle is an error rather than a warning.</summary>
    public bool Required { get; set; }

    /// <summary>What failing tests are called in messages: the test project.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>Whether a failing command is a build error (the test run: yes; an EvidenceCheck: when EvidenceRequired).</summary>
    public bool FailureIsError { get; set; } = true;

    /// <summary>The code of that error.</summary>
    public string FailureCode { get; set; } = "EVD0108";

    [Output]
    public bool Recorded { get; private set; }

    [Output]
    public string? Outcome { get; private set; }

    [Output]
    public string? Bundle { get; private set; }

    protected override string ToolName => "dotnet";

    /// <summary>The command's output is the test run's, shown as MSBuild shows a tool's output; never parsed as errors.</summary>
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    public override bool Execute()
    {
        if (Command.Length == 0 && string.IsNullOrEmpty(ShellCommand))
        {
            Log.LogError(null, "EVD0001", null, null, 0, 0, 0, 0, "EvidenceRun needs Command or ShellCommand");
            return false;
        }

        File.Delete(ResultFile); // a result left by an earlier run must not stand in for this one's
        _native = NativeBinary.Usable(NativeTool, out var why);
        Log.LogMessage(MessageImportance.Low, _native ? $"dotnet-evidence: the native build, {NativeTool}" : $"dotnet-evidence: the portable build, {EvidenceTool} ({why})");
        base.Execute();
        Report(RunOutcome.Read(ResultFile));
        return !Log.HasLoggedErrors;
    }

    protected override string GenerateFullPathToTool() =>
        _native ? NativeTool! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : ToolName;

    protected override string? GetWorkingDirectory() => string.IsNullOrEmpty(WorkingDirectory) ? null : WorkingDirectory;

    protected override string GenerateCommandLineCommands()
    {
        var arguments = new List<string> { "run", "--name", CheckName, "--result-file", ResultFile };
        if (!_native)
        {
            arguments.Insert(0, EvidenceTool);
        }

        if (!string.IsNullOrEmpty(Store))
        {
            arguments.AddRange(["--store", Store!]);
        }

        if (!string.IsNullOrEmpty(RunId))
        {
            arguments.AddRange(["--into", RunId!]);
        }

        foreach (var report in TestReports)
        {
            arguments.AddRange(["--tests", report.ItemSpec]);
        }

        arguments.Add("--");
        arguments.AddRange(string.IsNullOrEmpty(ShellCommand) ? Command.Select(c => c.ItemSpec) : ["sh", "-c", ShellCommand!]);
        return CommandLine.Join(arguments);
    }

    /// <summary>The exit code is the test run's, passed through; what it means is read from the result file.</summary>
    protected override bool HandleTaskExecutionErrors() => true;

    /// <summary>Lines of the test run are logged as they are: a test's output saying "error CS0001:" is not a build error.</summary>
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance) =>
        Log.LogMessage(messageImportance, "{0}", singleLine);

    private void Report(RunOutcome? result)
    {
        if (result is null || !result.Recorded || result.Outcome == "error")
        {
            var why = result?.Problems is { Length: > 0 } problems ? problems : $"the tool left no result file (exit code {ExitCode}); its output above says why";
            if (Required)
            {
                Log.LogError(null, "EVD0902", null, null, 0, 0, 0, 0, "no evidence bundle was sealed for {0}: {1}", ProjectName, why);
            }
            else
            {
                Log.LogWarning(null, "EVD0902", null, null, 0, 0, 0, 0, "no evidence bundle was sealed for {0} (set EvidenceRequired to make this an error): {1}", ProjectName, why);
            }

            if (result is null)
            {
                return;
            }
        }

        (Recorded, Outcome, Bundle) = (result.Recorded, result.Outcome, result.Bundle);
        if (result.Tests is { } tests)
        {
            foreach (var test in FailureIsError ? tests.Failing : [])
            {
                Log.LogError(null, "EVD0108", null, test.Path ?? test.File, test.Line ?? 0, 0, 0, 0, "{0} {1}: {2}", test.Name, test.Status, OneLine(test.Message));
            }

            if (tests.FailingNotListed > 0)
            {
                Log.LogError(null, "EVD0108", null, null, 0, 0, 0, 0, "{0} more failing tests in {1} are in the bundle", tests.FailingNotListed, ProjectName);
            }

            var verdict = tests.IncompleteChecks.Count > 0 ? "Incomplete!" : tests.Failed + tests.Errors > 0 ? "Failed!" : "Passed!";
            Log.LogMessage(MessageImportance.High, "{0} - Failed: {1}, Passed: {2}, Skipped: {3}, Total: {4}{5} - {6} (evidence {7})",
                verdict, tests.Failed + tests.Errors, tests.Passed, tests.Skipped, tests.Total, tests.Flaky > 0 ? $", Flaky: {tests.Flaky}" : string.Empty, ProjectName, result.Bundle ?? result.RunId);
            foreach (var check in tests.IncompleteChecks)
            {
                Log.LogWarning(null, "EVD0107", null, null, 0, 0, 0, 0, "the test results of {0} ({1}) are missing or unreadable: the bundle says why", ProjectName, check);
            }
        }

        if (ExitCode != 0 && FailureIsError && !Log.HasLoggedErrors)
        {
            // Failing without a failing test to name: a crashed test host, a build of the tests that failed, a timeout.
            Log.LogError(null, FailureCode, null, null, 0, 0, 0, 0, FailureCode == "EVD0108"
                ? "tests in {0} failed (exit code {1}); the evidence bundle records them"
                : "EvidenceRequired: the EvidenceCheck {2} of {0} did not pass (exit code {1}); the evidence bundle records it", ProjectName, ExitCode, CheckName);
        }
    }

    /// <summary>A message on one line: a console logger would print each line of a multi-line one as an error of its own.</summary>
    private static string OneLine(string? message) =>
        message is null ? "(no message)" : string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
