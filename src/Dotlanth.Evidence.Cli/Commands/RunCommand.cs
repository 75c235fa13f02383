using System.Collections.Immutable;
using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence run [options] -- program [args...]</c></summary>
internal static class RunCommand
{
    private static readonly Option<string?> Name = new("--name") { Description = "Check name (default: what ran, e.g. pytest, dotnet-test, npm-lint, go-test)." };
    private static readonly Option<string?> Timeout = new("--timeout") { Description = "Stop the whole process tree after this long, e.g. 90s, 10m, 1h. Exit code 124." };
    private static readonly Option<string?> KillGrace = new("--kill-grace") { Description = "Time between SIGTERM and SIGKILL when stopping the tree (default 5s)." };
    internal static readonly Option<string?> Out = new("--out") { Description = "Store root (default: .evidence at the repository root, else in the current directory)." };
    private static readonly Option<string?> MaxOutput = new("--max-output") { Description = "Bytes kept per stream, head and tail (default 64KiB)." };
    internal static readonly Option<string?> MaxDiff = new("--max-diff") { Description = "Largest diff.patch kept; above it only checksums are kept (default 8MiB)." };
    internal static readonly Option<string?> DiffBase = new("--diff-base") { Description = "Diff against the merge-base with this ref (e.g. origin/main, a PR's target) instead of HEAD." };
    internal static readonly Option<string?> ConfigFile = new("--config") { Description = "The evidence.yml to use (default: found by walking up to the repository root)." };
    internal static readonly Option<string[]> Checks = new("--check") { Description = "Run only this configured check (repeatable)." };
    internal static readonly Option<string?> Into = new("--into")
    {
        Description = $"Append to this open run (from 'dotnet evidence begin') as one more step. Default: ${RunOptions.RunIdVariable} when set.",
    };

    private static readonly Option<string[]> Tests = new("--tests")
    {
        Description = "A test report the command writes: a path or glob (JUnit XML, TRX or CTRF JSON), repeatable; each case goes into tests.jsonl. 'none': read none. Default: pytest is asked for one through PYTEST_ADDOPTS.",
    };

    private static readonly Option<string?> ResultFile = new("--result-file") { Description = "Also write the run's result as JSON to this file (schemas/v1/run-result.schema.json), whatever happens: for scripts and build tools." };
    private static readonly Option<bool> NoTty = new("--no-tty") { Description = "Run checks with pipes (separate stdout and stderr) even when stdout is a terminal." };
    private static readonly Option<bool> KeepGoing = new("--keep-going") { Description = "Run every configured check even after a required one failed (default: stop there)." };
    private static readonly Argument<string[]> Command = new("command")
    {
        Description = "The program and its arguments, after --. Passed to exec as is (no shell).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Command Create()
    {
        var command = new Command("run", """
            Run a command, or the checks declared in evidence.yml, and leave an evidence bundle, whatever happens.

            Live output goes to the terminal as it comes; the tool exits with the command's exit code
            (128+N if it died of signal N, 124 on timeout, 127 if the program was not found).

            Without a command, runs the checks of evidence.yml in order and stops at the first required
            failure (--keep-going runs them all); the exit code is 0 when the outcome is verified, else
            the first failing required check's exit code.

            Examples:
              dotnet evidence run -- pytest -q
              dotnet evidence run
              dotnet evidence run --check unit --check lint --keep-going
              dotnet evidence run --name unit --timeout 10m -- dotnet test
              dotnet evidence run --out /tmp/evidence --max-output 1MiB -- ./build.sh --release
              dotnet evidence run --redact-pattern 'ACME-[0-9]{12}' -- ./deploy.sh
              dotnet evidence run --into "$EVIDENCE_RUN_ID" --check lint
              dotnet evidence run --store 's3://evidence/team?region=eu-west-1' -- dotnet test

            With --into, or with EVIDENCE_RUN_ID set, the checks are appended to a run opened by
            'dotnet evidence begin' instead of making a bundle of their own; 'dotnet evidence end' seals it.
            """)
        {
            Options = { Name, Timeout, KillGrace, Out, StoreCli.Target, MaxOutput, MaxDiff, DiffBase, ConfigFile, Checks, KeepGoing, Into, Tests, NoTty, ResultFile },
            Arguments = { Command },
        };
        RedactionCliOptions.AddTo(command).SetAction(Execute);
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var argv = parse.GetValue(Command) ?? [];
        var problems = ImmutableArray.CreateBuilder<EvidenceError>();
        if (UnknownOption(parse) is { } unknown)
        {
            // Before '--', a word like --tiemout is a mistyped option, not the program to run.
            problems.Add(new EvidenceError(Codes.Usage, $"unknown option '{unknown}'", "see 'dotnet evidence run --help'; put the command after --"));
        }

        if (parse.GetValue(Tests) is { Length: > 0 } reports)
        {
            if (argv.Length == 0)
            {
                problems.Add(new EvidenceError(Codes.Usage, "--tests applies to 'run -- COMMAND'", "for the checks of evidence.yml, write tests: under each check"));
            }
            else if (reports.Contains("none") && reports.Length > 1)
            {
                problems.Add(new EvidenceError(Codes.InvalidOption, "--tests none cannot be combined with report paths", "give report paths, or none to read no reports"));
            }
        }

        var options = new RunOptions
        {
            Command = [.. argv],
            CheckName = parse.GetValue(Name),
            Timeout = Parse<TimeSpan>(parse.GetValue(Timeout), Durations.TryParse, problems, "--timeout"),
            KillGrace = Parse<TimeSpan>(parse.GetValue(KillGrace), Durations.TryParse, problems, "--kill-grace") ?? TimeSpan.FromSeconds(5),
            StoreRoot = parse.GetValue(Out),
            MaxOutputBytes = Parse<long>(parse.GetValue(MaxOutput), ByteSizes.TryParse, problems, "--max-output") ?? RunOptions.DefaultMaxOutputBytes,
            DiffBudgetBytes = Parse<long>(parse.GetValue(MaxDiff), ByteSizes.TryParse, problems, "--max-diff") ?? RunOptions.DefaultDiffBudgetBytes,
            WorkingDirectory = Environment.CurrentDirectory,
            Invocation = [.. Environment.GetCommandLineArgs().Skip(1)],
            Redaction = RedactionCliOptions.Read(parse),
            DiffBase = parse.GetValue(DiffBase),
            Into = OpenRunId(parse.GetValue(Into)),
            TestReports = parse.GetValue(Tests) is { Length: > 0 } tests ? [.. tests.Where(t => t != "none")] : null,
        };
        options = StoreCli.Apply(parse, options with { InputErrors = problems.ToImmutable(), KeepGoing = parse.GetValue(KeepGoing) });
        if (argv.Length > 0)
        {
            options = CommandProgram.Resolve(options);
        }
        else
        {
            var given = new ExplicitSettings(parse.GetValue(MaxOutput) is not null, parse.GetValue(KillGrace) is not null, parse.GetValue(MaxDiff) is not null);
            options = ConfiguredRun.Resolve(options, parse.GetValue(ConfigFile), parse.GetValue(Checks) ?? [], given);
        }

        return Runner.Run(options, parse.GetValue(CommonOptions.Verbose), CommonOptions.GitHubOn(parse), terminal: !parse.GetValue(NoTty), resultFile: parse.GetValue(ResultFile) is { } file ? Path.GetFullPath(file, Environment.CurrentDirectory) : null);
    }

    private static string? UnknownOption(ParseResult parse)
    {
        foreach (var token in parse.Tokens)
        {
            if (token.Type == System.CommandLine.Parsing.TokenType.DoubleDash)
            {
                return null;
            }

            if (token.Type == System.CommandLine.Parsing.TokenType.Argument && token.Value.Length > 1 && token.Value.StartsWith('-'))
            {
                return token.Value;
            }
        }

        return null;
    }

    /// <summary>--into, else EVIDENCE_RUN_ID; set to empty, the variable means no open run.</summary>
    internal static string? OpenRunId(string? given) =>
        given ?? (Environment.GetEnvironmentVariable(RunOptions.RunIdVariable) is { Length: > 0 } fromEnv ? fromEnv : null);

    internal delegate bool TryParser<T>(string text, out T value, out EvidenceError? error);

    internal static T? Parse<T>(string? text, TryParser<T> parser, ImmutableArray<EvidenceError>.Builder problems, string option)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        if (parser(text, out var value, out var error))
        {
            return value;
        }

        problems.Add(error! with { Message = $"{option}: {error!.Message}" });
        return null;
    }
}
