using System.Collections.Immutable;
using System.CommandLine;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence begin</c>: opens a run that later steps append to.</summary>
internal static class BeginCommand
{
    public static Command Create()
    {
        var command = new Command("begin", $"""
            Open a run whose checks happen in several steps (CI steps, parallel jobs on one machine).

            Prints {RunOptions.RunIdVariable}=<id> on stdout, ready for $GITHUB_ENV or export. Later
            'dotnet evidence run' calls append to the run when {RunOptions.RunIdVariable} is set or --into is
            given, and 'dotnet evidence end' seals it. The machine, the repository and evidence.yml are
            recorded now; required checks of evidence.yml (or those picked with --check) that no step
            runs make the outcome failed.

            Examples:
              dotnet evidence begin >> "$GITHUB_ENV"
              export "$(dotnet evidence begin --check unit --check lint)"
            """)
        {
            Options = { RunCommand.Out, StoreCli.Target, RunCommand.ConfigFile, RunCommand.Checks, RunCommand.MaxDiff, RunCommand.DiffBase },
        };
        RedactionCliOptions.AddTo(command).SetAction(Execute);
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        if (RunSession.UnsupportedPlatform() is { } unsupported)
        {
            Console.Error.WriteLine(ErrorLines.Of(unsupported));
            return ExitCodes.Usage;
        }

        var problems = ImmutableArray.CreateBuilder<EvidenceError>();
        var options = new RunOptions
        {
            StoreRoot = parse.GetValue(RunCommand.Out),
            DiffBudgetBytes = RunCommand.Parse<long>(parse.GetValue(RunCommand.MaxDiff), ByteSizes.TryParse, problems, "--max-diff") ?? RunOptions.DefaultDiffBudgetBytes,
            DiffBase = parse.GetValue(RunCommand.DiffBase),
            WorkingDirectory = Environment.CurrentDirectory,
            Invocation = [.. Environment.GetCommandLineArgs().Skip(1)],
            Redaction = RedactionCliOptions.Read(parse),
        };
        options = StoreCli.Apply(parse, options with { InputErrors = problems.ToImmutable() });
        var configPath = parse.GetValue(RunCommand.ConfigFile);
        var checks = parse.GetValue(RunCommand.Checks) ?? [];
        // Without evidence.yml a run of ad-hoc steps is fine; asking for configured checks is not.
        if (configPath is not null || checks.Length > 0 || ConfigLocator.Find(options.WorkingDirectory) is not null)
        {
            options = ConfiguredRun.Resolve(options, configPath, checks, new ExplicitSettings(false, false, parse.GetValue(RunCommand.MaxDiff) is not null));
        }

        using var interrupt = new Interrupt();
        var console = new RunConsole(PlainConsole.Stdout(), PlainConsole.Stderr(), Console.Error);
        try
        {
            var (opened, rejected) = BeginSession.Execute(options, console, interrupt);
            if (rejected is not null)
            {
                Runner.Print(rejected);
                return rejected.ExitCode;
            }

            Console.Out.WriteLine($"{RunOptions.RunIdVariable}={opened!.RunId}");
            Console.Error.WriteLine($"dotnet-evidence: opened run {opened.RunId}; append steps with 'dotnet evidence run --into {opened.RunId}' (or {RunOptions.RunIdVariable} set), seal it with 'dotnet evidence end'");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dotnet-evidence: error EVD0902: the run could not be opened: {ex.Message}; check that the store folder is writable (--out)");
            return ExitCodes.ToolError;
        }
    }
}
