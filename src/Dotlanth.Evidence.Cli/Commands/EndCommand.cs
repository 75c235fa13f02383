using System.Collections.Immutable;
using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence end [RUN_ID]</c>: seals a run opened by begin.</summary>
internal static class EndCommand
{
    private static readonly Argument<string?> RunId = new("run-id")
    {
        Description = $"The open run (default: ${RunOptions.RunIdVariable}).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> Wait = new("--wait")
    {
        Description = "Wait this long for steps still running, e.g. 30s, 10m (default: do not wait; the run stays open).",
    };

    public static Command Create()
    {
        var command = new Command("end", """
            Seal a run opened by 'dotnet evidence begin'.

            The outcome comes from every step: each required check counts by its latest attempt, and a
            required check no step ran makes it failed. Declared artifacts are collected now. The exit
            code is 0 when the outcome is verified, else the first failing required check's exit code.

            Examples:
              dotnet evidence end
              dotnet evidence end 2026-11-21T19-55-12Z_8f3c2a --wait 5m
            """)
        {
            Options = { RunCommand.Out, StoreCli.Target, Wait },
            Arguments = { RunId },
        };
        RedactionCliOptions.AddTo(command).SetAction(Execute);
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var problems = ImmutableArray.CreateBuilder<EvidenceError>();
        var wait = RunCommand.Parse<TimeSpan>(parse.GetValue(Wait), Durations.TryParse, problems, "--wait");
        var id = RunCommand.OpenRunId(parse.GetValue(RunId));
        if (id is null)
        {
            problems.Add(new EvidenceError(Codes.Usage, "no run to end", $"give its id, or set {RunOptions.RunIdVariable} as 'dotnet evidence begin' printed it"));
        }

        if (problems.Count > 0)
        {
            // Nothing was opened by this command and the open run is left as it is, so there is nothing to record.
            Console.Error.WriteLine(ErrorLines.Of(problems[0]));
            return ExitCodes.Usage;
        }

        var options = new RunOptions
        {
            Into = id,
            StoreRoot = parse.GetValue(RunCommand.Out),
            WaitForSteps = wait ?? TimeSpan.Zero,
            WorkingDirectory = Environment.CurrentDirectory,
            Invocation = [.. Environment.GetCommandLineArgs().Skip(1)],
            Redaction = RedactionCliOptions.Read(parse),
        };
        options = StoreCli.Apply(parse, options);
        if (!options.InputErrors.IsEmpty)
        {
            Console.Error.WriteLine(ErrorLines.Of(options.InputErrors[0]));
            return ExitCodes.Usage;
        }

        return Runner.Run((console, interrupt) => EndSession.Execute(options, console, interrupt), parse.GetValue(CommonOptions.Verbose), CommonOptions.GitHubOn(parse));
    }
}
