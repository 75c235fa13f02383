using System.CommandLine;
using Dotlanth.Evidence.Redaction.Catalog;
using Dotlanth.Evidence.Cli;
using Dotlanth.Evidence.Cli.Commands;

// Before anything is printed: the runtime's console streams would put the terminal in keypad mode.
PlainConsole.Install();

// Every child of the CLI comes from the core's process runner, so any other child is an orphan of a stopped run.
Dotlanth.Evidence.Capture.ProcessRunner.AdoptOrphans();

// The redaction gate takes milliseconds to build; the second core builds it while arguments are parsed, unless no
// command was named (--version, --help), which would only pay for starting the thread pool and the gate's memory.
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    _ = Task.Run(BuiltInRules.Warm);
}

var root = new RootCommand("dotnet evidence: every run leaves one portable, redacted, verifiable evidence bundle.")
{
    Options = { CommonOptions.Verbose, CommonOptions.GitHub, CommonOptions.NoGitHub },
};
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(BeginCommand.Create());
root.Subcommands.Add(EndCommand.Create());
root.Subcommands.Add(ExecCommand.Create());
root.Subcommands.Add(McpCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(ResumeCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(SignCommand.Create());
root.Subcommands.Add(KeygenCommand.Create());
root.Subcommands.Add(AttestCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(PushCommand.Create());
root.Subcommands.Add(PullCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(HookCommand.Create());
root.Subcommands.Add(LsCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(CatCommand.Create());
root.Subcommands.Add(ReindexCommand.Create());
root.Subcommands.Add(RecoverCommand.Create());
root.Subcommands.Add(GcCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(TestsCommand.Create());
root.Subcommands.Add(RedactCommand.Create());
root.Subcommands.Add(InitCommand.Create());

// Response files would rewrite a child's '@file' arguments; argv must reach the child untouched.
var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
Dotlanth.Evidence.Diagnostics.PerformanceTrace.Mark("start-up, arguments");
if (parse.Errors.Count > 0)
{
    // One line: the first problem is the one to fix, and the rest usually follow from it.
    var command = parse.CommandResult.Command == root ? string.Empty : parse.CommandResult.Command.Name + " ";
    var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
    Console.Error.WriteLine($"dotnet-evidence: error EVD0001: {first.Message.TrimEnd('.')}; see 'dotnet evidence {command}--help'");
    return 2;
}

var exitCode = parse.Invoke();
Dotlanth.Evidence.Diagnostics.PerformanceTrace.Mark("report, exit");
return exitCode;
