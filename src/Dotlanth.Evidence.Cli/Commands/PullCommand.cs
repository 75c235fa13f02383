using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Stores;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence pull RUN --from URI</c>: a run of an artifact store into the local store, verified.</summary>
internal static class PullCommand
{
    private static readonly Argument<string> Run = new("run") { Description = "Which run of the store: a run id, a unique id prefix, last, last-failed or last-verified." };
    private static readonly Option<string> From = new("--from") { Description = $"The store: {StoreCli.UriForms}.", Required = true };

    public static Command Create()
    {
        var command = new Command("pull", """
            Copy a run from an artifact store into the local store. It is verified where it lands and joins
            the store and its index only whole; the same bundle already here is not copied twice, and a
            different bundle under the same id is refused.

            Examples:
              dotnet evidence pull last-failed --from 's3://evidence/team?endpoint=http://127.0.0.1:9000&path_style=true'
              dotnet evidence inspect "$(dotnet evidence pull 2026-11-21T19 --from s3://evidence/team)"
            """)
        {
            Options = { From, IndexCli.Store },
            Arguments = { Run },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var location = StoreUri.Parse(parse.GetValue(From)!, Environment.CurrentDirectory);
        var selector = parse.GetValue(Run)!;
        var localStore = IndexCli.StoreRoot(parse);
        using var store = ArtifactStores.Open(location, warning => Console.Error.WriteLine("dotnet-evidence: " + warning));
        var runId = Bundles.RunId.IsValid(selector)
            ? selector
            : store.FindAsync(selector).GetAwaiter().GetResult()?.Id
              ?? throw new EvidenceException(new EvidenceError(Codes.RunNotFound, $"no run matches '{selector}' in {location}", $"'dotnet evidence ls --store {location}' lists its runs"));
        var aside = BundleIntake.Aside(localStore, "pull");
        try
        {
            var landed = store.PullAsync(runId, aside).GetAwaiter().GetResult();
            var (path, present) = BundleIntake.Adopt(landed, localStore, $"{location}");
            Console.Error.WriteLine(present
                ? $"dotnet-evidence: run {runId} is already in the local store; nothing copied"
                : $"dotnet-evidence: pulled run {runId} from {location}");
            Console.Out.WriteLine(Path.GetRelativePath(Environment.CurrentDirectory, path));
            return 0;
        }
        finally
        {
            Directory.Delete(aside, recursive: true);
        }
    }
}
