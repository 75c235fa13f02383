using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence cat RUN PATH</c>: one file of a bundle, byte for byte.</summary>
internal static class CatCommand
{
    private static readonly Argument<string> FilePath = new("path") { Description = "A file of the bundle, e.g. stdout/pytest_1.txt or bundle.json." };

    public static Command Create()
    {
        var command = new Command("cat", """
            Print one file of a run's bundle.

            Examples:
              dotnet evidence cat last-failed stderr/unit_1.txt
              dotnet evidence cat last bundle.json
            """)
        {
            Options = { IndexCli.Store, StoreCli.Source },
            Arguments = { InspectCommand.Run, FilePath },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var bundle = InspectCommand.Resolve(parse);
        var relative = parse.GetValue(FilePath)!;
        var full = Path.GetFullPath(relative, bundle);
        // Only files listed as part of the bundle: no way out of it with ../ or a symlink.
        var inside = full.StartsWith(bundle + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full)
            && new FileInfo(full).LinkTarget is null;
        if (!inside)
        {
            var files = Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(bundle, f)).Order(StringComparer.Ordinal);
            throw new EvidenceException(new EvidenceError(Codes.BundleFileNotFound, $"run {Path.GetFileName(bundle)} has no file '{relative}'", "its files: " + string.Join(", ", files)));
        }

        using var output = PlainConsole.Stdout();
        using var input = File.OpenRead(full);
        input.CopyTo(output);
        return 0;
    }
}
