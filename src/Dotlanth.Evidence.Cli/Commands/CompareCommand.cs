using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Comparison;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence compare BASELINE CANDIDATE</c>.</summary>
internal static class CompareCommand
{
    private static readonly Argument<string[]> Runs = new("runs")
    {
        Description = "BASELINE CANDIDATE, or CANDIDATE alone: then the baseline is the latest earlier run with the same check names.",
        Arity = new ArgumentArity(1, 2),
    };
    private static readonly Option<string?> FailOn = new("--fail-on") { Description = "'regression': exit 1 when a check or a test went from pass to fail or the outcome got worse." };
    private static readonly Option<double> Drift = new("--drift") { Description = "Flag a check whose duration changed by at least this percent (and 100 ms); default 20.", DefaultValueFactory = _ => 20 };
    private static readonly Option<bool> Json = new("--json") { Description = "The comparison as one JSON document." };

    public static Command Create()
    {
        var command = new Command("compare", """
            Compare two runs: outcome, checks added/removed/changed, duration drift per check, unified
            diffs of captured output and of diff.patch, and changed environment facts. Works across
            commits and machines. Given one run, compares it with the latest earlier run that ran the
            same checks.

            Examples:
              dotnet evidence compare last
              dotnet evidence compare last-verified last
              dotnet evidence compare 2026-11-20T09 last --fail-on regression --json
            """)
        {
            Options = { FailOn, Drift, Json, IndexCli.Store },
            Arguments = { Runs },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var failOn = parse.GetValue(FailOn);
        if (failOn is not (null or "regression"))
        {
            throw new EvidenceException(new EvidenceError(Codes.InvalidOption, $"--fail-on: '{failOn}' is not known", "use --fail-on regression"));
        }

        var runs = parse.GetValue(Runs)!;
        var candidate = InspectCommand.Resolve(parse, runs[^1]);
        var baseline = runs.Length == 2 ? InspectCommand.Resolve(parse, runs[0]) : SameChecksBefore(parse, candidate);
        var result = RunComparison.Compare(baseline, candidate, parse.GetValue(Drift));
        if (parse.GetValue(Json))
        {
            Console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Print(result);
        }

        return failOn == "regression" && (bool)result["regression"]! ? 1 : 0;
    }

    /// <summary>The latest earlier run of the store with the same check names.</summary>
    private static string SameChecksBefore(ParseResult parse, string candidate)
    {
        using var index = IndexCli.Open(IndexCli.StoreRoot(parse));
        return Bundles.BundleFolder.Require(Baselines.For(index, candidate));
    }

    private static void Print(JsonObject result)
    {
        var o = Console.Out;
        o.WriteLine($"baseline  {result["baseline"]![BundleFields.RunId]}  {result["baseline"]![BundleFields.Outcome]}");
        o.WriteLine($"candidate {result["candidate"]![BundleFields.RunId]}  {result["candidate"]![BundleFields.Outcome]}");
        o.WriteLine($"outcome   {result[BundleFields.Outcome]!["from"]} → {result[BundleFields.Outcome]!["to"]} ({result[BundleFields.Outcome]!["change"]})");
        foreach (var check in result["checks"]!.AsArray().OfType<JsonObject>())
        {
            var duration = check[BundleFields.DurationMs] as JsonObject;
            var drift = duration is null ? string.Empty : $"  {duration["from"]}ms → {duration["to"]}ms ({RunComparison.Percent((double)duration["percent"]!)}){((bool)duration["flagged"]! ? ((long)duration["delta"]! > 0 ? " SLOWER" : " FASTER") : string.Empty)}";
            o.WriteLine($"check     {check["name"]}: {check["change"]} ({check["from"] ?? "-"} → {check["to"] ?? "-"}){drift}");
        }

        if (result["tests"] is JsonObject tests)
        {
            var counts = tests["counts"]!;
            o.WriteLine($"tests     {counts["newly_failing"]} newly failing, {counts["newly_passing"]} newly passing, {counts["added"]} added, {counts["removed"]} removed");
            foreach (var (list, label) in new[] { ("newly_failing", "FAILING "), ("newly_passing", "passing "), ("added", "added   "), ("removed", "removed ") })
            {
                foreach (var test in tests[list]!.AsArray().OfType<JsonObject>().Take(20))
                {
                    o.WriteLine($"  {label} {test["name"]}  [{test["check"]}]{(Inspection.TestsInspection.Location(test) is { } at ? "  " + at : string.Empty)}{(list == "added" ? $"  ({test[BundleFields.Status]})" : string.Empty)}");
                }
            }

            foreach (var change in tests["duration_changes"]!.AsArray().OfType<JsonObject>())
            {
                o.WriteLine($"  {((long)change["delta"]! > 0 ? "slower " : "faster ")}  {change["name"]}  {change["from"]}ms → {change["to"]}ms");
            }
        }

        foreach (var fact in result["environment"]!.AsArray().OfType<JsonObject>())
        {
            o.WriteLine($"env       {fact["fact"]}: {fact["from"]?.ToJsonString()} → {fact["to"]?.ToJsonString()}");
        }

        foreach (var output in result["outputs"]!.AsArray().OfType<JsonObject>())
        {
            o.Write(output["diff"]!.GetValue<string>());
        }

        if ((string?)result["diff_patch"] is { } patch)
        {
            o.Write(patch);
        }

        foreach (var regression in result["regressions"]!.AsArray())
        {
            o.WriteLine($"REGRESSION {regression}");
        }
    }
}
