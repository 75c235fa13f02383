using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Inspection;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence tests</c>: failing, flaky, one test's history, slowest: the test cases of runs.</summary>
internal static class TestsCommand
{
    private static readonly Argument<string> RunArgument = new("run") { Description = $"Which run (default: last): {RunSelector.Forms}.", DefaultValueFactory = _ => "last" };
    private static readonly Argument<string> TestArgument = new("test") { Description = "The test: its name, or class and name joined by '.' (tests.test_calc.test_add, Calc.Tests.CalcTests.Adds)." };
    private static readonly Option<string?> Check = new("--check") { Description = "Only tests of this check." };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many (default 50).", DefaultValueFactory = _ => 50 };
    private static readonly Option<bool> Json = new("--json") { Description = "One JSON object per line, for tools." };

    public static Command Create()
    {
        var command = new Command("tests", """
            Test cases of recorded runs (read from each check's JUnit XML, TRX or CTRF reports).

            Examples:
              dotnet evidence tests failing              the failing tests of the last run
              dotnet evidence tests failing last-failed --json
              dotnet evidence tests flaky                tests that failed and passed on one commit and tree, or passed on a retry
              dotnet evidence tests history tests.test_calc.test_add
              dotnet evidence tests slowest --limit 10
            """);
        command.Subcommands.Add(Sub("failing", "The failing tests of a run: name, message, file:line.", Failing, RunArgument));
        command.Subcommands.Add(Sub("flaky", "Tests seen failing and passing on the same commit and tree, or passing on a retry within one run: how often, and when last.", Flaky, null));
        command.Subcommands.Add(Sub("history", "One test's results across runs, newest first.", History, TestArgument));
        command.Subcommands.Add(Sub("slowest", "The slowest tests of a run.", Slowest, RunArgument));
        return command;
    }

    private static Command Sub(string name, string description, Func<ParseResult, int> action, Argument<string>? argument)
    {
        var command = new Command(name, description) { Options = { Check, Limit, Json, IndexCli.Store } };
        if (argument is not null)
        {
            command.Arguments.Add(argument);
        }

        command.SetAction(parse => IndexCli.Guard(() =>
        {
            if (parse.GetValue(Limit) < 1)
            {
                throw new EvidenceException(new EvidenceError(Codes.InvalidOption, $"--limit: {parse.GetValue(Limit)} is not a positive number", "give 1 or more"));
            }

            return action(parse);
        }));
        return command;
    }

    private static int Failing(ParseResult parse)
    {
        var (run, tests) = RunTestsOf(parse);
        var failing = Filter(tests.Failing, parse).ToList();
        foreach (var test in failing.Take(parse.GetValue(Limit)))
        {
            Console.Out.WriteLine(parse.GetValue(Json)
                ? TestsInspection.Case(test).ToJsonString()
                : $"{(test.Status == "error" ? "ERR " : "FAIL")}  {test.FullName}  [{test.Check}]{(test.Location is { } at ? "  " + at : string.Empty)}{(test.Message is { } m ? "\n      " + m.Split('\n')[0] : string.Empty)}");
        }

        Console.Error.WriteLine($"dotnet-evidence: {failing.Count} failing of {tests.Final.Count} test(s) in run {run}" + (failing.Count > parse.GetValue(Limit) ? $" ({parse.GetValue(Limit)} shown; --limit for more)" : string.Empty));
        return 0;
    }

    private static int Slowest(ParseResult parse)
    {
        var (run, tests) = RunTestsOf(parse);
        var slowest = Filter(tests.Slowest(int.MaxValue), parse).Take(parse.GetValue(Limit)).ToList();
        foreach (var test in slowest)
        {
            Console.Out.WriteLine(parse.GetValue(Json)
                ? TestsInspection.Case(test, brief: true).ToJsonString()
                : $"{Seconds(test.DurationMs),9}  {test.Status,-7}  {test.FullName}  [{test.Check}]");
        }

        Console.Error.WriteLine($"dotnet-evidence: the {slowest.Count} slowest of {tests.Final.Count} test(s) in run {run}");
        return 0;
    }

    private static int Flaky(ParseResult parse)
    {
        using var index = IndexCli.Open(IndexCli.StoreRoot(parse));
        var flaky = index.Flaky(parse.GetValue(Check), parse.GetValue(Limit));
        if (!parse.GetValue(Json) && flaky.Count > 0)
        {
            Console.Out.WriteLine($"{"TREES",5}  {"FAILED",6}  {"PASSED",6}  {"LAST SEEN",-20}  TEST");
        }

        foreach (var test in flaky)
        {
            Console.Out.WriteLine(parse.GetValue(Json)
                ? new JsonObject
                {
                    ["check"] = test.Check,
                    ["name"] = TestRecord.FullNameOf(test.ClassName, test.Name),
                    ["file"] = test.File,
                    ["line"] = test.Line,
                    ["trees"] = test.Trees,
                    ["failures"] = test.Failures,
                    ["passes"] = test.Passes,
                    ["retried_passes"] = test.RetriedPasses,
                    ["last_seen"] = test.LastSeen is { } seen ? Timestamps.Format(seen) : null,
                    ["last_run"] = test.LastRun,
                }.ToJsonString()
                : $"{test.Trees,5}  {test.Failures,6}  {test.Passes,6}  {When(test.LastSeen),-20}  {TestRecord.FullNameOf(test.ClassName, test.Name)}  [{test.Check}]  last in {test.LastRun}");
        }

        Console.Error.WriteLine(flaky.Count == 0 ? "dotnet-evidence: no flaky tests recorded" : $"dotnet-evidence: {flaky.Count} flaky test(s)");
        return 0;
    }

    private static int History(ParseResult parse)
    {
        var test = parse.GetValue(TestArgument)!;
        using var index = IndexCli.Open(IndexCli.StoreRoot(parse));
        var history = index.History(test, parse.GetValue(Check), parse.GetValue(Limit));
        if (history.Count == 0)
        {
            throw new EvidenceException(new EvidenceError(Codes.RunNotFound, $"no recorded run has a test named '{test}'", "give its name as the report has it, or its class and name joined by '.' (see dotnet evidence tests failing)"));
        }

        foreach (var entry in history)
        {
            Console.Out.WriteLine(parse.GetValue(Json)
                ? new JsonObject
                {
                    [BundleFields.RunId] = entry.RunId,
                    [BundleFields.StartedAt] = Timestamps.Format(entry.StartedAt),
                    ["commit"] = entry.Commit,
                    ["check"] = entry.Check,
                    [BundleFields.Attempt] = entry.Attempt,
                    ["name"] = TestRecord.FullNameOf(entry.ClassName, entry.Name),
                    [BundleFields.Status] = entry.Status,
                    [BundleFields.DurationMs] = entry.DurationMs,
                    ["retries"] = entry.Retries,
                }.ToJsonString()
                : $"{entry.RunId,-27}  {When(entry.StartedAt),-20}  {(entry.Commit is { } c ? c[..Math.Min(7, c.Length)] : "-"),-7}  {entry.Status,-7}{(entry.Retries > 0 ? $" after {entry.Retries} retr{(entry.Retries > 1 ? "ies" : "y")}" : string.Empty)}  {Seconds(entry.DurationMs),9}  [{entry.Check} #{entry.Attempt}]");
        }

        return 0;
    }

    private static (string Run, RunTests Tests) RunTestsOf(ParseResult parse)
    {
        var bundle = InspectCommand.Resolve(parse, parse.GetValue(RunArgument));
        return (Path.GetFileName(bundle.TrimEnd('/')), RunTests.Read(bundle));
    }

    private static IEnumerable<TestRecord> Filter(IEnumerable<TestRecord> tests, ParseResult parse) =>
        parse.GetValue(Check) is { } check ? tests.Where(t => t.Check == check) : tests;

    private static string When(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "-";

    private static string Seconds(long? ms) => ms is { } value ? (value / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) + "s" : "?";
}
