using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence ls</c>: the runs of a store, newest first.</summary>
internal static class LsCommand
{
    private static readonly Option<string?> Outcome = new("--outcome") { Description = "Only runs with this outcome (verified, failed, blocked, cancelled, error, incomplete)." };
    private static readonly Option<string?> Commit = new("--commit") { Description = "Only runs of this commit (a sha or a prefix of at least 4 hex digits)." };
    private static readonly Option<string?> Branch = new("--branch") { Description = "Only runs on this branch." };
    private static readonly Option<string?> Check = new("--check") { Description = "Only runs that recorded a check of this name." };
    private static readonly Option<string?> Since = new("--since") { Description = "Only runs started within this long, e.g. 2h, 7d is written 168h." };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many runs (default 20).", DefaultValueFactory = _ => 20 };
    private static readonly Option<bool> Json = new("--json") { Description = "One JSON object per line, for tools." };

    public static Command Create()
    {
        var command = new Command("ls", """
            List recorded runs, newest first.

            Examples:
              dotnet evidence ls
              dotnet evidence ls --outcome failed --limit 1
              dotnet evidence ls --commit 04cede3 --json
              dotnet evidence ls --store 's3://evidence/team?endpoint=http://127.0.0.1:9000&path_style=true' --outcome failed
            """)
        {
            Options = { Outcome, Commit, Branch, Check, Since, Limit, Json, IndexCli.Store, StoreCli.Source },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var query = Query(parse);
        var json = parse.GetValue(Json);
        if (StoreCli.SourceOf(parse) is { } source)
        {
            // A store's runs come from its entries alone: no bundle is downloaded.
            using var remote = Stores.ArtifactStores.Open(source, warning => Console.Error.WriteLine("dotnet-evidence: " + warning));
            return Print([.. remote.ListAsync(query).GetAwaiter().GetResult().Select(stored => stored.Run)], json, $" in {source}");
        }

        var store = IndexCli.StoreRoot(parse);
        if (!Directory.Exists(store))
        {
            Console.Error.WriteLine($"dotnet-evidence: no runs yet ({store} does not exist)");
            return 0;
        }

        using var index = IndexCli.Open(store);
        return Print([.. index.Query(query).Select(run => run with { Checks = index.ChecksOf(run.Id) })], json, string.Empty);
    }

    private static int Print(IReadOnlyList<IndexedRun> runs, bool json, string where)
    {
        if (!json)
        {
            Console.Out.WriteLine($"{"RUN",-27}  {"OUTCOME",-10}  {"STARTED",-20}  {"TOOK",8}  {"CHECKS",-7}  {"COMMIT",-9}  {"BRANCH",-14}  WHAT");
        }

        foreach (var run in runs)
        {
            var checks = Latest(run.Checks);
            var passed = checks.Count(c => c.Status == CheckStatus.Passed);
            Console.Out.WriteLine(json ? Line(run, checks, passed) : Row(run, checks, passed));
        }

        if (runs.Count == 0)
        {
            Console.Error.WriteLine("dotnet-evidence: no runs match" + where);
        }

        return 0;
    }

    private static RunQuery Query(ParseResult parse)
    {
        var outcome = parse.GetValue(Outcome);
        if (outcome is not null && !Enum.GetValues<Outcome>().Any(o => o.ToWire() == outcome))
        {
            throw Invalid("--outcome", $"'{outcome}' is not an outcome", "use verified, failed, blocked, cancelled, error or incomplete");
        }

        var commit = parse.GetValue(Commit);
        if (commit is not null && (commit.Length < 4 || !commit.All(Uri.IsHexDigit)))
        {
            throw Invalid("--commit", $"'{commit}' is not a commit sha or a prefix of one", "give at least 4 hex digits");
        }

        DateTimeOffset? since = null;
        if (parse.GetValue(Since) is { } text)
        {
            since = Durations.TryParse(text, out var span, out var error) ? DateTimeOffset.UtcNow - span : throw Invalid("--since", error!.Message, error.Hint);
        }

        var limit = parse.GetValue(Limit);
        if (limit < 1)
        {
            throw Invalid("--limit", $"{limit} is not a positive number", "give 1 or more");
        }

        return new RunQuery { Outcome = outcome, Commit = commit, Branch = parse.GetValue(Branch), Check = parse.GetValue(Check), Since = since, Limit = limit };
    }

    private static List<IndexedCheck> Latest(IReadOnlyList<IndexedCheck> checks) =>
        [.. checks.GroupBy(c => c.Name).Select(g => g.MaxBy(c => c.Attempt)!)];

    private static string Row(IndexedRun run, List<IndexedCheck> checks, int passed) =>
        $"{run.Id,-27}  {run.Outcome,-10}  {run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z",-20}  "
        + $"{Took(run.DurationMs),8}  {$"{passed}/{checks.Count}",-7}  {(run.Commit is { } c ? c[..Math.Min(7, c.Length)] + (run.Dirty switch { true => "+", null => "?", false => string.Empty }) : "-"),-9}  "
        + $"{run.Branch ?? "-",-14}  {What(checks)}";

    /// <summary>What ran: the one check's name and command, or the names of several.</summary>
    private static string What(List<IndexedCheck> checks) => checks switch
    {
        [] => "-",
        [{ Command: { } command } one] => one.Name == command ? command : $"{one.Name}: {command}",
        _ => string.Join(", ", checks.Select(c => c.Name)),
    };

    private static string Took(long? ms) => ms switch
    {
        null => "-",
        < 1000 => $"{ms}ms",
        < 60_000 => (ms.Value / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + "s",
        _ => $"{ms.Value / 60_000}m{ms.Value / 1000 % 60:00}s",
    };

    private static string Line(IndexedRun run, List<IndexedCheck> checks, int passed) => new JsonObject
    {
        [BundleFields.RunId] = run.Id,
        [BundleFields.Outcome] = run.Outcome,
        [BundleFields.ExitCode] = run.ExitCode,
        [BundleFields.StartedAt] = Timestamps.Format(run.StartedAt),
        [BundleFields.FinishedAt] = run.FinishedAt is { } f ? Timestamps.Format(f) : null,
        [BundleFields.DurationMs] = run.DurationMs,
        ["commit"] = run.Commit,
        ["branch"] = run.Branch,
        ["dirty"] = run.Dirty,
        ["ci_provider"] = run.CiProvider,
        ["ci_run_id"] = run.CiRunId,
        ["spec"] = run.SpecId is null ? null : new JsonObject { ["id"] = run.SpecId, ["version"] = run.SpecVersion },
        ["checks"] = new JsonObject
        {
            ["total"] = checks.Count,
            ["passed"] = passed,
            ["names"] = new JsonArray([.. checks.Select(c => (JsonNode)JsonValue.Create(c.Name))]),
        },
        ["command"] = checks is [var only] ? only.Command : null,
        ["digest"] = run.Digest,
        ["bytes"] = run.Bytes,
        ["path"] = run.Path,
    }.ToJsonString();

    private static EvidenceException Invalid(string option, string message, string? hint) =>
        new(new EvidenceError(Codes.InvalidOption, $"{option}: {message}", hint));
}
