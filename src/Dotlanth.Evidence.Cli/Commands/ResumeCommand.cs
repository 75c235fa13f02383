using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Replay;
using Dotlanth.Evidence.Runs;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence resume RUN [--reexecute-unfinished] [--max-steps N] [--program FILE]</c>.</summary>
internal static class ResumeCommand
{
    private static readonly Option<bool> Reexecute = new("--reexecute-unfinished") { Description = "Make the call the run stopped inside again, even a side effect whose effect is unknown." };
    private static readonly Option<string?> MaxSteps = new("--max-steps") { Description = "Instructions the whole program may execute, replayed part included (default: budgets.max_steps, else 1000000)." };
    private static readonly Option<string?> Program = new("--program") { Description = "Resume this program (a fixed copy) instead of the recorded one; it must make the recorded calls first." };

    public static Command Create()
    {
        var command = new Command("resume", """
            Pick up an exec run that ended incomplete (its process died; see 'recover'), cancelled, or
            blocked by a budget. Its trace is the checkpoint: every syscall it completed is answered from
            the recording with no effect (a command is not run again, a file not rewritten), then the
            program goes on live, into a new bundle whose parent_run_id names the run and whose 'resumed'
            says from which seq. A call with an attempt but no result is made again when it only reads
            (fs.read, net.http.serve...); a side effect (proc.exec, fs.write...) stops resume with
            EVD0320 unless --reexecute-unfinished. A program that no longer makes the recorded calls
            diverges as in replay (EVD0312, exit 3).

            Examples:
              dotnet evidence recover && dotnet evidence resume last
              dotnet evidence resume 2026-11-21T19 --reexecute-unfinished
              dotnet evidence resume last --max-steps 5000000
            """)
        {
            Options = { Reexecute, MaxSteps, Program, IndexCli.Store, RunCommand.ConfigFile },
            Arguments = { InspectCommand.Run },
        };
        RedactionCliOptions.AddTo(command).SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var bundle = InspectCommand.Resolve(parse);
        var manifest = JsonNode.Parse(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)))!.AsObject();
        var options = new RunOptions
        {
            // The program runs where it ran, so its relative paths and its evidence.yml are the same ones.
            WorkingDirectory = (string?)manifest["invocation"]?["cwd"] is { } cwd && Directory.Exists(cwd) ? cwd : Environment.CurrentDirectory,
            StoreRoot = Path.GetDirectoryName(Path.GetDirectoryName(bundle)!),
            Invocation = [.. Environment.GetCommandLineArgs().Skip(1)],
            Redaction = RedactionCliOptions.Read(parse),
            FrontEnd = "cli",
        };
        options = ConfiguredRun.ForProgram(options, parse.GetValue(RunCommand.ConfigFile));
        if (!options.InputErrors.IsEmpty)
        {
            throw new EvidenceException(options.InputErrors[0]);
        }

        if (parse.GetValue(MaxSteps) is { } steps)
        {
            options = long.TryParse(steps, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0
                ? options with { MaxSteps = max }
                : throw new EvidenceException(new EvidenceError(Codes.InvalidOption, $"--max-steps: '{steps}' is not a positive number", "give a step count such as 100000"));
        }

        var programFile = parse.GetValue(Program);
        var programText = programFile is null ? null : File.ReadAllText(Path.GetFullPath(programFile, Environment.CurrentDirectory));
        options = ResumeSession.Plan(bundle, options, parse.GetValue(Reexecute), programText, programFile);
        RunReport? report = null;
        var exitCode = Runner.Run((console, interrupt) => report = RunSession.Execute(options, console, interrupt), parse.GetValue(CommonOptions.Verbose), CommonOptions.GitHubOn(parse));
        return report?.Errors.Any(e => e.Code == Codes.ReplayDiverged) == true ? ReplayCommand.DivergedExitCode : exitCode;
    }
}
