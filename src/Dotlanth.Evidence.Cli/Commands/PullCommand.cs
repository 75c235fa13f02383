using System.CommandLine;
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
        var (runId, path, present) = StorePull.IntoStore(location, parse.GetValue(Run)!, IndexCli.StoreRoot(parse), warning => Console.Error.WriteLine("dotnet-evidence: " + warning));
        Console.Error.WriteLine(present
            ? $"dotnet-evidence: run {runId} is already in the local store; nothing copied"
            : $"dotnet-evidence: pulled run {runId} from {location}");
        Console.Out.WriteLine(Path.GetRelativePath(Environment.CurrentDirectory, path));
        return 0;
    }
}
