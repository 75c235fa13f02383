using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Sealing;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence recover</c>: seals what killed processes left behind, as incomplete.</summary>
internal static class RecoverCommand
{
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Only list what would be recovered." };

    public static Command Create()
    {
        var command = new Command("recover", """
            Seal every staging folder left by a process that died (killed, crashed, out of memory) as a
            bundle with outcome 'incomplete': the records and output it holds, and 'missing' entries for
            the rest. Folders whose process still runs, and open runs (begin without end), are left alone.
            'run' does the same for stale folders each time it seals a bundle.
            """)
        {
            Options = { DryRun, IndexCli.Store },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var store = IndexCli.StoreRoot(parse);
        if (parse.GetValue(DryRun))
        {
            foreach (var stale in StaleStaging.Find(store))
            {
                Console.Out.WriteLine($"would recover {Path.GetFileName(stale)}");
            }
        }
        else
        {
            var failed = 0;
            foreach (var (id, bundle, failure) in StoreRecovery.RecoverAll(store, ProcessEnvironment.Read(), Console.Error))
            {
                if (bundle is not null)
                {
                    Console.Out.WriteLine($"recovered {id} as {Path.GetRelativePath(Environment.CurrentDirectory, bundle.Path)}");
                }
                else
                {
                    failed++;
                    Console.Error.WriteLine($"dotnet-evidence: error EVD0701: run {id} could not be recovered: {failure}; check the folder's permissions");
                }
            }

            if (failed > 0)
            {
                return ExitCodes.ToolError;
            }
        }

        foreach (var open in StaleStaging.OpenRuns(store))
        {
            Console.Error.WriteLine($"dotnet-evidence: run {Path.GetFileName(open)} is open (begun, not ended): seal it with 'dotnet evidence end {Path.GetFileName(open)}'");
        }

        return 0;
    }
}
