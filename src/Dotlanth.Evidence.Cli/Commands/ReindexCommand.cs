using System.CommandLine;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence reindex</c>: the index rebuilt from the bundles, which are the truth.</summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "Rebuild the run index (index.db) from the bundles on disk.")
        {
            Options = { IndexCli.Store },
        };
        command.SetAction(parse => IndexCli.Guard(() =>
        {
            using var index = IndexCli.Open(IndexCli.StoreRoot(parse));
            var count = index.Rebuild();
            Console.Error.WriteLine($"dotnet-evidence: indexed {count} run(s) in {index.StoreRoot}");
            return 0;
        }));
        return command;
    }
}
