using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence sign RUN --key KEY.pem</c>: a DSSE envelope with an in-toto statement, beside the bundle's files.</summary>
internal static class SignCommand
{
    private static readonly Option<string> Key = new("--key") { Description = "The private key (PEM, ECDSA P-256; see keygen).", Required = true };

    public static Command Create()
    {
        var command = new Command("sign", $"""
            Sign a bundle: writes {Attestation.EnvelopeFile} in it, a DSSE envelope holding an in-toto
            Statement v1 whose subject is the bundle digest (sha256 of bundle.json). Signing adds no file
            to the digest, so the bundle still verifies; 'verify --public-key' then requires the signature.
            Signing again with another key adds a signature. A run with test records also gets
            test-result.dsse.json: the in-toto Test Result predicate (v0.1) over the same subject.
            """)
        {
            Options = { Key, IndexCli.Store },
            Arguments = { InspectCommand.Run },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var bundle = InspectCommand.Resolve(parse);
        var (_, _, problems) = BundleIntegrity.Check(bundle);
        if (problems.Count > 0)
        {
            throw new EvidenceException(new EvidenceError(Codes.BundleInvalid, $"{problems[0].File}: {problems[0].Message}", "a bundle that does not verify is not signed"));
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(Path.GetFullPath(parse.GetValue(Key)!, Environment.CurrentDirectory)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new EvidenceException(new EvidenceError(Codes.KeyUnusable, $"--key: {ex.Message}", "give the private .pem that 'dotnet evidence keygen' wrote"));
        }

        var redactor = Redactor.Create(ProcessEnvironment.Read());
        var written = new List<string> { Write(bundle, Attestation.EnvelopeFile, Attestation.Statement(bundle, redactor), key) };
        if (TestResultAttestation.Statement(bundle, redactor) is { } tests)
        {
            written.Add(Write(bundle, TestResultAttestation.EnvelopeFile, tests, key));
        }

        Console.Error.WriteLine($"dotnet-evidence: signed run {Path.GetFileName(bundle)} with key {Attestation.KeyId(key)} ({string.Join(", ", written)})");
        return 0;
    }

    /// <summary>Writes (or adds a signature to) one envelope beside the bundle's files, whole or not at all.</summary>
    private static string Write(string bundle, string file, JsonObject statement, ECDsa key)
    {
        var path = Path.Combine(bundle, file);
        var existing = File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject : null;
        var envelope = Attestation.Sign(statement, key, existing);
        File.WriteAllText(path + ".new", envelope.ToJsonString() + "\n");
        File.Move(path + ".new", path, overwrite: true);
        return file;
    }
}
