using System.CommandLine;
using Dotlanth.Evidence.Archives;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence import FILE</c>: an exported bundle into this store, verified first.</summary>
internal static class ImportCommand
{
    private static readonly Argument<string> Archive = new("archive") { Description = "A .tar.gz made by 'dotnet evidence export'." };
    private static readonly Option<string?> MaxSize = new("--max-size") { Description = "Refuse archives that expand to more than this (default 2GiB)." };

    public static Command Create()
    {
        var command = new Command("import", """
            Add an exported bundle to this store. Refuses path traversal, absolute paths, links, devices,
            duplicate entries and archives that expand past --max-size; verifies the bundle before adding
            it to the store and the index; a bundle already present is not added twice.
            """)
        {
            Options = { MaxSize, IndexCli.Store },
            Arguments = { Archive },
        };
        command.SetAction(parse => IndexCli.Guard(() =>
        {
            var limit = BundleArchive.DefaultMaxExpandedBytes;
            if (parse.GetValue(MaxSize) is { } size && !ByteSizes.TryParse(size, out limit, out var error))
            {
                throw new EvidenceException(error! with { Message = "--max-size: " + error.Message });
            }

            var store = IndexCli.StoreRoot(parse);
            var (id, path, present) = BundleImport.Import(Path.GetFullPath(parse.GetValue(Archive)!, Environment.CurrentDirectory), store, limit);
            Console.Error.WriteLine(present
                ? $"dotnet-evidence: run {id} is already in the store ({Path.GetRelativePath(Environment.CurrentDirectory, path)}); nothing added"
                : $"dotnet-evidence: imported run {id} into {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
            return 0;
        }));
        return command;
    }
}
