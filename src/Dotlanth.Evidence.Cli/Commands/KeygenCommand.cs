using System.CommandLine;
using System.Security.Cryptography;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence keygen -o NAME</c>: an ECDSA P-256 key pair for signing bundles.</summary>
internal static class KeygenCommand
{
    private static readonly Option<string> Output = new("--output", "-o") { Description = "Writes NAME.pem (private, mode 0600) and NAME.pub.pem.", DefaultValueFactory = _ => "evidence-key" };

    public static Command Create()
    {
        var command = new Command("keygen", "Create an ECDSA P-256 key pair for 'sign' (private key mode 0600) and 'verify --public-key'.")
        {
            Options = { Output },
        };
        command.SetAction(parse => IndexCli.Guard(() =>
        {
            var name = Path.GetFullPath(parse.GetValue(Output)!, Environment.CurrentDirectory);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var privatePath = name + ".pem";
            // The private key is the one file the tool writes on purpose that the redactor would mask; it never goes
            // into a bundle, and only its owner can read it.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new StreamWriter(new FileStream(privatePath, options)))
            {
                file.Write(key.ExportPkcs8PrivateKeyPem());
                file.Write('\n');
            }

            File.WriteAllText(name + ".pub.pem", key.ExportSubjectPublicKeyInfoPem() + "\n");
            Console.Error.WriteLine($"dotnet-evidence: wrote {Path.GetFileName(privatePath)} (keep it secret) and {Path.GetFileName(name)}.pub.pem; key id {Attestation.KeyId(key)}");
            return 0;
        }));
        return command;
    }
}
