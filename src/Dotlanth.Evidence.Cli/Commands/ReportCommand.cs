using System.CommandLine;
using System.Text;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Inspection;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence report RUN -o report.html</c>: one self-contained HTML page for a run.</summary>
internal static class ReportCommand
{
    private static readonly Option<string?> Output = new("--output", "-o") { Description = "Where to write the page (default: reports/<run id>.html in the store)." };

    public static Command Create()
    {
        var command = new Command("report", """
            Write one self-contained HTML page for a run (no external assets; opens offline): outcome,
            checks, captured output, the diff, the trace as a timeline, redaction and missing parts.

            Examples:
              dotnet evidence report last-failed -o failure.html
            """)
        {
            Options = { Output, IndexCli.Store },
            Arguments = { InspectCommand.Run },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var bundle = InspectCommand.Resolve(parse);
        // Never into the work tree by default: a page there would show up in the next run's diff.
        var target = parse.GetValue(Output) is { } output
            ? Path.GetFullPath(output, Environment.CurrentDirectory)
            : Path.Combine(BundleWriter.CreateStoreFolder(IndexCli.StoreRoot(parse), BundleLayout.ReportsFolder), Path.GetFileName(bundle) + ".html");
        // A new file outside the bundle: it goes through the redactor like every other output.
        var page = Redactor.Create(ProcessEnvironment.Read()).Redact(HtmlReport.Build(bundle));
        File.WriteAllText(target, page, new UTF8Encoding(false));
        Console.Error.WriteLine($"dotnet-evidence: wrote {Path.GetRelativePath(Environment.CurrentDirectory, target)}");
        return 0;
    }
}
