using System.CommandLine;
using Dotlanth.Evidence.Archives;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence export RUN -o FILE.tar.gz</c>: a deterministic archive of a bundle.</summary>
internal static class ExportCommand
{
    private static readonly Option<string?> Output = new("--output", "-o") { Description = "The archive to write (default: <run id>.tar.gz)." };

    public static Command Create()
    {
        var command = new Command("export", "Write a bundle as a .tar.gz: the same bundle always gives the same bytes (sorted entries, fixed times, owners and modes).")
        {
            Options = { Output, IndexCli.Store },
            Arguments = { InspectCommand.Run },
        };
        command.SetAction(parse => IndexCli.Guard(() =>
        {
            var bundle = InspectCommand.Resolve(parse);
            var target = Path.GetFullPath(parse.GetValue(Output) ?? Path.GetFileName(bundle) + ".tar.gz", Environment.CurrentDirectory);
            BundleArchive.Export(bundle, target);
            Console.Error.WriteLine($"dotnet-evidence: wrote {Path.GetRelativePath(Environment.CurrentDirectory, target)}");
            return 0;
        }));
        return command;
    }
}
