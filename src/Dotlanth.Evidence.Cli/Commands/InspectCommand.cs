using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Inspection;
using Dotlanth.Evidence.Stores;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence inspect RUN</c>: one run, readable.</summary>
internal static class InspectCommand
{
    internal static readonly Argument<string> Run = new("run") { Description = $"Which run: {RunSelector.Forms}." };
    private static readonly Option<bool> Json = new("--json") { Description = "The same as one JSON document, for tools." };

    public static Command Create()
    {
        var command = new Command("inspect", """
            Show one run: outcome, times, commit, each check (with the last lines of a failing one's
            output), diff stat, redaction hits per rule, missing parts, errors and a trace summary.

            Examples:
              dotnet evidence inspect last-failed
              dotnet evidence inspect 2026-11-21T19 --json
            """)
        {
            Options = { Json, IndexCli.Store, StoreCli.Source },
            Arguments = { Run },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    /// <summary>The bundle folder a command reads; refused when anything in it is a link or special file (verify reports those instead).</summary>
    internal static string Resolve(ParseResult parse, string? selector = null) => Bundles.BundleFolder.Require(Locate(parse, selector));

    /// <summary>The bundle folder the selector names, unchecked.</summary>
    internal static string Locate(ParseResult parse, string? selector = null) => RunReferences.Locate(
        selector ?? parse.GetValue(Run)!,
        StoreCli.SourceOf(parse),
        () => IndexCli.StoreRoot(parse),
        Environment.CurrentDirectory,
        StoreCli.Scratch,
        warning => Console.Error.WriteLine("dotnet-evidence: " + warning));

    private static int Execute(ParseResult parse)
    {
        var inspection = RunInspection.Build(Resolve(parse));
        if (parse.GetValue(Json))
        {
            Console.Out.WriteLine(inspection.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        Print(inspection, Console.Out);
        return 0;
    }

    private static void Print(JsonObject run, TextWriter o)
    {
        o.WriteLine($"run      {run[BundleFields.RunId]}  {Str(run[BundleFields.Outcome]).ToUpperInvariant()}  exit {run[BundleFields.ExitCode]}");
        o.WriteLine($"when     {run[BundleFields.StartedAt]} .. {run[BundleFields.FinishedAt]} ({Seconds(run[BundleFields.DurationMs])})");
        var repo = RepoSummary.Of(run);
        o.WriteLine($"repo     {repo.Branch} @ {repo.Commit}, {repo.Tree}");
        if (run["agent"] is JsonObject agent)
        {
            // An agent session: who it was, how it ended, and what it claimed beside the outcome above.
            var client = agent["client"] is JsonObject c ? $"{c["name"]} {c["version"]}".TrimEnd() : "unknown client";
            var claim = agent["claim"] is JsonObject said ? $", claims {Str(said["outcome"])}{(said["summary"] is { } summary ? $": {summary}" : string.Empty)}" : ", no claim";
            o.WriteLine($"agent    {client} (mcp), {agent["tool_calls"] ?? "?"} tool call(s), ended by {Str(agent["ended_by"])}{claim}");
        }

        if (run["resumed"] is JsonObject resumed)
        {
            var again = resumed["made_again"] is JsonObject made ? $"; made again: seq {made[BundleFields.Seq]} {made["syscall"]} ({made["why"]})" : string.Empty;
            o.WriteLine($"resumed  run {resumed[BundleFields.RunId]} after seq {resumed["after_seq"]}, {resumed["replayed_syscalls"]} syscall(s) answered from its recording{again}");
        }

        o.WriteLine($"path     {run["path"]}");
        o.WriteLine("checks");
        foreach (var check in run["checks"]!.AsArray().OfType<JsonObject>())
        {
            var mark = Str(check[BundleFields.Status]) == "passed" ? "ok  " : "FAIL";
            o.WriteLine($"  {mark} {check["name"]} #{check[BundleFields.Attempt]}  {check[BundleFields.Status]}  exit {check[BundleFields.ExitCode]}  {Seconds(check[BundleFields.DurationMs])}{((bool?)check["required"] == false ? "  (not required)" : string.Empty)}");
            foreach (var line in check["tail"]?.AsArray() ?? [])
            {
                o.WriteLine($"       | {line}");
            }
        }

        PrintTests(run["tests"] as JsonObject, o);
        if (run["diff"] is JsonObject diff)
        {
            o.WriteLine($"diff     {diff["files"]} file(s), +{diff["insertions"]} -{diff["deletions"]}");
            foreach (var file in diff["per_file"]!.AsArray().OfType<JsonObject>().Take(20))
            {
                o.WriteLine($"           {file["path"]}  +{file["insertions"]} -{file["deletions"]}");
            }
        }

        var hits = run["redaction"] as JsonObject;
        o.WriteLine("redacted " + (hits is null || hits.Count == 0 ? "nothing" : string.Join(", ", hits.Select(h => $"{h.Key} {h.Value}"))));
        foreach (var part in run[BundleFields.Missing]?.AsArray().OfType<JsonObject>() ?? [])
        {
            o.WriteLine($"missing  {part["path"]}  {part["code"]}  {part["reason"]}");
        }

        foreach (var error in run["errors"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            o.WriteLine($"error    {error["code"]}: {error["message"]}");
        }

        var trace = run["trace"]!.AsObject();
        var bySyscall = string.Join(", ", trace["by_syscall"]!.AsObject().Select(s => $"{s.Key} {s.Value}"));
        o.WriteLine($"trace    {trace["events"]} events, {trace["syscalls"]} syscall(s){(bySyscall.Length > 0 ? $" ({bySyscall})" : string.Empty)}, {trace["faults"]} fault(s){((int)trace[BundleFields.Steps]! > 0 ? $", {trace[BundleFields.Steps]} step(s)" : string.Empty)}");
    }

    private static void PrintTests(JsonObject? tests, TextWriter o)
    {
        if (tests is null)
        {
            return;
        }

        o.WriteLine($"tests    {tests["total"]} total: {tests["passed"]} passed, {tests["failed"]} failed, {tests["errors"]} errors, {tests["skipped"]} skipped, {tests["flaky"]} flaky");
        foreach (var check in tests["incomplete_checks"]?.AsArray() ?? [])
        {
            o.WriteLine($"  ?    {check}: its test reports are missing or unreadable; the counts above lack them (see missing)");
        }

        foreach (var test in tests["failing"]!.AsArray().OfType<JsonObject>())
        {
            o.WriteLine($"  {(Str(test[BundleFields.Status]) == "error" ? "ERR " : "FAIL")} {test["name"]}  [{test["check"]}]{(Inspection.TestsInspection.Location(test) is { } at ? "  " + at : string.Empty)}");
            if ((string?)test["message"] is { } message)
            {
                foreach (var line in message.Split('\n').Take(3))
                {
                    o.WriteLine($"       | {line.TrimEnd()}");
                }
            }
        }

        if ((int?)tests["failing_not_listed"] is > 0 and var more)
        {
            o.WriteLine($"  … and {more} more failing (dotnet evidence tests failing --json lists all)");
        }

        foreach (var test in tests["flaky_tests"]!.AsArray().OfType<JsonObject>())
        {
            o.WriteLine($"  flaky {test["name"]}  [{test["check"]}]  passed after {Math.Max(1, (int?)test["retries"] ?? 0)} failed tr{((int?)test["retries"] > 1 ? "ies" : "y")}");
        }
    }

    private static string Str(JsonNode? node, string fallback = "-") => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : fallback;

    private static string Seconds(JsonNode? ms) => ms is null ? "-" : ((long)ms / 1000.0).ToString("0.0##", CultureInfo.InvariantCulture) + "s";
}
