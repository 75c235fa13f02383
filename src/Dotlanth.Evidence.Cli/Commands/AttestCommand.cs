using System.CommandLine;
using System.Text.Json;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence attest RUN -o statement.json</c>: the unsigned in-toto statement, for another signer.</summary>
internal static class AttestCommand
{
    private static readonly Option<string?> Output = new("--output", "-o") { Description = "Where to write the statement (default: stdout)." };

    public static Command Create()
    {
        var command = new Command("attest", "Write the in-toto Statement v1 for a bundle, unsigned, for an existing signer (GitHub's attest action, cosign).")
        {
            Options = { Output, IndexCli.Store },
            Arguments = { InspectCommand.Run },
        };
        command.SetAction(parse => IndexCli.Guard(() =>
        {
            var statement = Attestation.Statement(InspectCommand.Resolve(parse), Redactor.Create(ProcessEnvironment.Read()));
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
