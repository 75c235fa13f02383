using System.CommandLine;
using System.Text.Json;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence attest RUN -o statement.json</c>: the unsigned in-toto statement, for another signer.</summary>
internal static class AttestCommand
{
    private static readonly Option<string?> Output = new("--output", "-o") { Description = "Where to write the statement (default: stdout)." };
    private static readonly Option<string> Predicate = new("--predicate")
    {
        Description = "run (default): the run in brief; test-result: the in-toto Test Result predicate v0.1 from the run's test records.",
        DefaultValueFactory = _ => "run",
    };

    public static Command Create()
    {
        var command = new Command("attest", "Write the in-toto Statement v1 for a bundle, unsigned, for an existing signer (GitHub's attest action, cosign).")
        {
            Options = { Output, Predicate, IndexCli.Store },
            Arguments = { InspectCommand.Run },
        };
        command.SetAction(parse => IndexCli.Guard(() =>
        {
            var bundle = InspectCommand.Resolve(parse);
            var redactor = Redactor.Create(ProcessEnvironment.Read());
            var statement = parse.GetValue(Predicate) switch
            {
                "run" => Attestation.Statement(bundle, redactor),
                "test-result" => TestResultAttestation.Statement(bundle, redactor) ?? throw new EvidenceException(new EvidenceError(
                    Codes.TestResultsMissing, $"run {Path.GetFileName(bundle)} has no test records", "record the test reports of a check (run --tests, tests: in evidence.yml)")),
                var other => throw new EvidenceException(new EvidenceError(Codes.InvalidOption, $"--predicate: '{other}' is not known", "use run or test-result")),
            };
            var text = statement.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
            if (parse.GetValue(Output) is { } output)
            {
                File.WriteAllText(Path.GetFullPath(output, Environment.CurrentDirectory), text);
            }
            else
            {
                Console.Out.Write(text);
            }

            return 0;
        }));
        return command;
    }
}
