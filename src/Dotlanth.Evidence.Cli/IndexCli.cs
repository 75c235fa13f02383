using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Cli;

/// <summary>What the commands that read runs share: the store, the index, and how refusals are printed.</summary>
internal static class IndexCli
{
    public static readonly Option<string?> Store = new("--out")
    {
        Description = "Store root (default: the evidence.yml 'store', else .evidence at the repository root).",
    };

    public static string StoreRoot(ParseResult parse) => StoreLocation.ForReading(parse.GetValue(Store), Environment.CurrentDirectory);

    public static RunIndex Open(string storeRoot) => RunIndex.Open(storeRoot, warning => Console.Error.WriteLine("dotnet-evidence: " + warning));

    /// <summary>Runs a command body; a refusal is one error line and exit 2, an I/O failure one line and exit 70.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (EvidenceException refused)
        {
            Console.Error.WriteLine(ErrorLines.Of(refused.Error));
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"dotnet-evidence: error EVD0604: the store could not be read: {ex.Message}; check the store folder (--out) and its permissions");
            return ExitCodes.ToolError;
        }
    }
}
