using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.Json;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Replay;
using Dotlanth.Evidence.Runs;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence replay RUN [--program FILE] [--live] [--json]</c>.</summary>
internal static class ReplayCommand
{
    public const int DivergedExitCode = 3;

    private static readonly Option<string?> Program = new("--program") { Description = "Replay this program (e.g. an edited copy) against the recording instead of the recorded one." };
    private static readonly Option<bool> Live = new("--live") { Description = "Execute the recorded program again for real, into a new bundle linked to this one, and report the differences." };
    private static readonly Option<bool> Json = new("--json") { Description = "The result as one JSON document." };

    public static Command Create()
    {
        var command = new Command("replay", """
            Re-run a recorded program without touching the world: every syscall is answered from the
            bundle's trace and nothing is executed. Prints 'replay identical' (exit 0), or the first
            divergence with its seq, the recorded and the actual syscall and arguments (exit 3).
            With --live the program runs again for real into a new bundle (parent_run_id) and the two
            runs are compared.

            Examples:
              dotnet evidence replay last
              dotnet evidence replay last --program agent-edited.dasm --json
              dotnet evidence replay 2026-11-21T19 --live
            """)
        {
            Options = { Program, Live, Json, IndexCli.Store },
            Arguments = { InspectCommand.Run },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var bundle = InspectCommand.Resolve(parse);
        return parse.GetValue(Live) ? ExecuteLive(parse, bundle) : ExecuteRecorded(parse, bundle);
    }

    private static int ExecuteRecorded(ParseResult parse, string bundle)
    {
        var programFile = parse.GetValue(Program);
        var programText = programFile is null ? null : File.ReadAllText(Path.GetFullPath(programFile, Environment.CurrentDirectory));
        var result = ReplaySession.Run(bundle, ProcessEnvironment.Read(), programText, programFile ?? "program.dasm");
        if (parse.GetValue(Json))
        {
            Console.Out.WriteLine(result.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else if (result.Divergence is { } divergence)
        {
            Console.Error.WriteLine($"dotnet-evidence: error EVD0312: replay of run {result.RunId} diverged at {divergence.Message}");
            Console.Error.WriteLine($"  recorded: {divergence.Expected?.ToJsonString() ?? "(nothing)"}");
            Console.Error.WriteLine($"  actual:   {divergence.Actual?.ToJsonString() ?? "(nothing)"}");
        }
        else
        {
            Console.Out.WriteLine($"replay identical: run {result.RunId}, {result.Syscalls} syscall(s) answered from the recording, no effect performed");
        }

        return result.Identical ? 0 : DivergedExitCode;
    }

    private static int ExecuteLive(ParseResult parse, string bundle)
    {
        // A live replay executes the bundle's program for real: a program edited after sealing must not run.
        var (_, _, problems) = Verification.BundleIntegrity.Check(bundle);
        if (problems.Count > 0)
        {
            throw new Diagnostics.EvidenceException(new Diagnostics.EvidenceError(
                Diagnostics.Codes.BundleInvalid,
                $"replay --live refused: {bundle} does not verify ({problems[0].File}: {problems[0].Message}{(problems.Count > 1 ? $", and {problems.Count - 1} more" : string.Empty)}), so its program is not executed",
                "'dotnet evidence verify' lists every problem; replay without --live touches nothing"));
        }

        var snapshot = JsonNode.Parse(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.InputSnapshot)))!.AsObject();
        if (snapshot["program"] is not JsonObject program)
        {
            throw new Diagnostics.EvidenceException(new Diagnostics.EvidenceError(Diagnostics.Codes.ReplayImpossible, "replay --live re-executes one-process runs; this run has several steps", "replay its steps without --live"));
        }

        if ((bool?)program["redacted"] == true)
        {
            Console.Error.WriteLine("dotnet-evidence: warning: the program was stored redacted; the live run executes the stored text, masks included");
        }

        var manifest = JsonNode.Parse(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)))!.AsObject();
        var options = new RunOptions
        {
            ProgramText = (string)program["text"]!,
            ProgramFile = (string?)snapshot["inputs"]?["program_file"] ?? "replayed.dasm",
            ProgramArguments = [.. snapshot["arguments"]?.AsArray().Select(a => (string)a!) ?? []],
            ParentRunId = (string)manifest[BundleFields.RunId]!,
            WorkingDirectory = (string?)manifest["invocation"]?["cwd"] is { } cwd && Directory.Exists(cwd) ? cwd : Environment.CurrentDirectory,
            StoreRoot = Path.GetDirectoryName(Path.GetDirectoryName(bundle)!),
            MaxSteps = (long?)manifest["budgets"]?["max_steps"] ?? Vm.Interpreter.DefaultStepBudget,
            Invocation = [.. Environment.GetCommandLineArgs().Skip(1)],
        };
        using var interrupt = new Interrupt();
        var console = new RunConsole(PlainConsole.Stdout(), PlainConsole.Stderr(), Console.Error);
        var report = RunSession.Execute(options, console, interrupt);
        Runner.Print(report);
        var comparison = LiveComparison.Compare(bundle, report.BundlePath);
        if (parse.GetValue(Json))
        {
            Console.Out.WriteLine(comparison.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            foreach (var difference in comparison["differences"]!.AsArray().OfType<JsonObject>())
            {
                Console.Out.WriteLine($"{difference["kind"]}: {difference["why"]}");
                Console.Out.WriteLine($"  original: {difference["original"]?.ToJsonString() ?? "(nothing)"}");
                Console.Out.WriteLine($"  live:     {difference["live"]?.ToJsonString() ?? "(nothing)"}");
            }

            Console.Out.WriteLine((bool)comparison["same"]! ? "live replay matches the original" : "live replay differs from the original");
        }

        return (bool)comparison["same"]! ? 0 : DivergedExitCode;
    }
}
