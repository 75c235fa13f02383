using System.Collections.Immutable;
using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence exec PROGRAM.dasm [args...]</c>: an agent program under its capabilities, recorded.</summary>
internal static class ExecCommand
{
    private static readonly Argument<string> ProgramFile = new("program") { Description = "The DotVM program (.dasm)." };
    private static readonly Argument<string[]> Arguments = new("args") { Description = "Arguments for the program: r0 holds them as a list of strings.", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string?> MaxSteps = new("--max-steps") { Description = "Instructions the program may execute (default: budgets.max_steps, else 1000000)." };

    public static Command Create()
    {
        var command = new Command("exec", $"""
            Run a DotVM agent program and leave an evidence bundle. Every effect crosses the syscall
            boundary: guarded syscalls ({SyscallTable.GuardedNames(", ")}) need a
            capability, declared with '.cap' in the program or under 'capabilities' in evidence.yml,
            that matches the actual arguments; a denial stops the program with outcome blocked.
            The exit code is the program's return value (ret), 0 when it halts.

            Examples:
              dotnet evidence exec agent.dasm
              dotnet evidence exec review.dasm src/app.cs --max-steps 100000
            """)
        {
            Options = { MaxSteps, RunCommand.Out, StoreCli.Target, RunCommand.ConfigFile },
            Arguments = { ProgramFile, Arguments },
        };
        RedactionCliOptions.AddTo(command).SetAction(Execute);
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var problems = ImmutableArray.CreateBuilder<EvidenceError>();
        var file = parse.GetValue(ProgramFile)!;
        var path = Path.GetFullPath(file, Environment.CurrentDirectory);
        string? text = null;
        try
        {
            // Not read whole when it is far past the limit: the assembler refuses it by its first 1 MiB and more.
            using var reader = new StreamReader(path);
            var buffer = new char[Vm.Assembler.MaxProgramChars + 1];
            text = new string(buffer, 0, reader.ReadBlock(buffer));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new EvidenceError(Codes.InputNotFound, $"the program {file} could not be read: {ex.Message}", "check the path"));
        }

        var options = new RunOptions
        {
            ProgramText = text ?? ".abi 1\n",
            ProgramFile = file,
            ProgramArguments = [.. parse.GetValue(Arguments) ?? []],
            StoreRoot = parse.GetValue(RunCommand.Out),
            WorkingDirectory = Environment.CurrentDirectory,
            Invocation = [.. Environment.GetCommandLineArgs().Skip(1)],
            Redaction = RedactionCliOptions.Read(parse),
            FrontEnd = "cli",
        };
        options = ConfiguredRun.ForProgram(StoreCli.Apply(parse, options), parse.GetValue(RunCommand.ConfigFile));
        if (parse.GetValue(MaxSteps) is { } steps)
        {
            if (long.TryParse(steps, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max) && max > 0)
            {
                options = options with { MaxSteps = max };
            }
            else
            {
                problems.Add(new EvidenceError(Codes.InvalidOption, $"--max-steps: '{steps}' is not a positive number", "give a step count such as 100000"));
            }
        }

        return Runner.Run(options with { InputErrors = options.InputErrors.AddRange(problems) }, parse.GetValue(CommonOptions.Verbose), CommonOptions.GitHubOn(parse));
    }
}
