using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence gc</c>: retention for the store.</summary>
internal static class GcCommand
{
    private static readonly Option<int?> Keep = new("--keep") { Description = "Keep the N newest runs." };
    private static readonly Option<string?> MaxSize = new("--max-size") { Description = "Delete the oldest runs until the store's bundles fit in SIZE, e.g. 500MiB." };
    private static readonly Option<string?> OlderThan = new("--older-than") { Description = "Delete runs started more than DUR ago, e.g. 720h." };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Only list what would be deleted." };

    public static Command Create()
    {
        var command = new Command("gc", """
            Delete old runs. Never deletes the newest verified run, the newest failed run, or an open
            run (begun, not ended). With several limits, a run any of them selects is deleted.

            Examples:
              dotnet evidence gc --keep 200
              dotnet evidence gc --older-than 720h --max-size 2GiB --dry-run
            """)
        {
            Options = { Keep, MaxSize, OlderThan, DryRun, IndexCli.Store },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var retention = Parse(parse);
        using var index = IndexCli.Open(IndexCli.StoreRoot(parse));
        Retention.FinishDeletes(index.StoreRoot);
        var doomed = retention.Select(index.Query(new RunQuery { Limit = int.MaxValue }), DateTimeOffset.UtcNow);
        var dryRun = parse.GetValue(DryRun);
        var skipped = new List<IndexedRun>();
        foreach (var run in doomed)
        {
            if (!dryRun)
            {
                try
                {
                    Retention.Delete(index, run);
                }
                catch (EvidenceException refused)
                {
                    Console.Error.WriteLine(ErrorLines.Warning(refused.Error));
                    skipped.Add(run);
                    continue;
                }
            }

            Console.Out.WriteLine($"{(dryRun ? "would delete" : "deleted")} {run.Id}  {run.Outcome}  {ByteSizes.Format(run.Bytes)}");
        }

        Console.Error.WriteLine($"dotnet-evidence: {(dryRun ? "would free" : "freed")} {ByteSizes.Format(doomed.Except(skipped).Sum(r => r.Bytes))} in {doomed.Count - skipped.Count} run(s); {index.Count() - (dryRun ? doomed.Count : 0)} run(s) kept");
        return 0;
    }

    private static Retention Parse(ParseResult parse)
    {
        var keep = parse.GetValue(Keep);
        if (keep is < 0)
        {
            throw Invalid("--keep", $"{keep} is negative", "give 0 or more");
        }

        long? maxBytes = null;
        if (parse.GetValue(MaxSize) is { } size)
        {
            maxBytes = ByteSizes.TryParse(size, out var bytes, out var error) ? bytes : throw Invalid("--max-size", error!.Message, error.Hint);
        }

        TimeSpan? olderThan = null;
        if (parse.GetValue(OlderThan) is { } age)
        {
            olderThan = Durations.TryParse(age, out var span, out var error) ? span : throw Invalid("--older-than", error!.Message, error.Hint);
        }

        var retention = new Retention { Keep = keep, MaxBytes = maxBytes, OlderThan = olderThan };
        return retention.IsEmpty
            ? throw new EvidenceException(new EvidenceError(Codes.Usage, "gc needs a limit", "give --keep N, --max-size SIZE or --older-than DUR (add --dry-run to see first)"))
            : retention;
    }

    private static EvidenceException Invalid(string option, string message, string? hint) =>
        new(new EvidenceError(Codes.InvalidOption, $"{option}: {message}", hint));
}
