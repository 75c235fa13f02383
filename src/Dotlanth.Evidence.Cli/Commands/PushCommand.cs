using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Stores;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence push RUN [--to URI]</c>: a sealed bundle into an artifact store, written once.</summary>
internal static class PushCommand
{
    private static readonly Argument<string?> Run = new("run") { Description = $"Which run: {RunSelector.Forms}.", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> To = new("--to") { Description = $"The store: {StoreCli.UriForms}. Default: evidence.yml's s3:// 'store'." };
    private static readonly Option<bool> PendingOnly = new("--pending") { Description = "Retry every push of this store that has not succeeded yet (recorded under pushes/)." };

    public static Command Create()
    {
        var command = new Command("push", """
            Copy a sealed bundle into an artifact store. A run id is written once: pushing the same bundle
            again does nothing, a different bundle under the same id is refused (EVD1002). Files go first and
            the manifest last, so a run is never visible half-uploaded; a push that stopped part way resumes.
            Credentials come from the AWS environment variables or profiles, never from the URI.

            Examples:
              dotnet evidence push last --to 's3://evidence/team?endpoint=http://127.0.0.1:9000&path_style=true'
              dotnet evidence push 2026-11-21T19-55-12Z_8f3c2a
              dotnet evidence push --pending
            """)
        {
            Options = { To, PendingOnly, IndexCli.Store },
            Arguments = { Run },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var redactor = Redactor.Create(ProcessEnvironment.Read());
        if (parse.GetValue(PendingOnly))
        {
            return PushPending(IndexCli.StoreRoot(parse), parse.GetValue(To), redactor);
        }

        var selector = parse.GetValue(Run) ?? throw new EvidenceException(new EvidenceError(Codes.Usage, "no run to push", "give a run (e.g. last), or --pending"));
        var bundle = InspectCommand.Resolve(parse, selector);
        var target = parse.GetValue(To) ?? PushDestination.ConfiguredTarget(Environment.CurrentDirectory)
            ?? throw new EvidenceException(new EvidenceError(Codes.Usage, "no store to push to", "give --to s3://bucket/prefix, or set 'store: s3://…' in evidence.yml"));
        StoreCli.Print(StorePush.Push(bundle, target, redactor), target, redactor);
        return 0;
    }

    private static int PushPending(string localStore, string? onlyTo, IRedactor redactor)
    {
        var outcomes = StorePush.PushPending(localStore, onlyTo, redactor);
        foreach (var (entry, result, error) in outcomes)
        {
            if (result is not null)
            {
                StoreCli.Print(result, onlyTo ?? entry.Store, redactor);
            }
            else
            {
                Console.Error.WriteLine(ErrorLines.Of(error!, $"run {entry.RunId}: "));
            }
        }

        var failed = outcomes.Count(o => o.Error is not null);
        Console.Error.WriteLine($"dotnet-evidence: {outcomes.Count - failed} of {outcomes.Count} pending push(es) done");
        return failed == 0 ? 0 : ExitCodes.Usage;
    }
}
