using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class VerifyTests
{
    [Fact]
    public void Every_tampering_with_a_real_bundle_exits_2_naming_the_file()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/app.txt", "changed\n");
        repo.Write("evidence.yml", "version: 1\nchecks:\n  - name: unit\n    run: [sh, -c, \"mkdir -p out; echo report > out/r.txt; echo ok; echo warn >&2\"]\nartifacts:\n  - name: report\n    type: report\n    path: out/r.txt\n");
        var original = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run"), repo.Combine(".evidence"));
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", original.Path).ExitCode);
        var files = Directory.EnumerateFiles(original.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(original.Path, f)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 12, string.Join(", ", files));

        foreach (var file in files)
        {
            using var flipped = Copy(original.Path);
            var bytes = File.ReadAllBytes(flipped.Combine(file));
            bytes[bytes.Length / 2] ^= 0x01;
            File.WriteAllBytes(flipped.Combine(file), bytes);
            AssertInvalid(flipped.Path, file, "one byte flipped");

            if (file != "bundle.json")
            {
                using var deleted = Copy(original.Path);
                File.Delete(deleted.Combine(file));
                AssertInvalid(deleted.Path, file, "deleted");
            }
        }

        using var added = Copy(original.Path);
        added.Write("stdout/extra.txt", "planted\n");
        AssertInvalid(added.Path, "stdout/extra.txt", "added");

        using var edited = Copy(original.Path);
        var manifest = JsonNode.Parse(File.ReadAllText(edited.Combine("bundle.json")))!;
        manifest["outcome"] = "failed";
        File.WriteAllText(edited.Combine("bundle.json"), manifest.ToJsonString());
        AssertInvalid(edited.Path, "bundle.json", "outcome edited");
    }

    [Fact]
    public void Each_gate_condition_is_met_or_listed_as_unmet()
    {
        using var repo = TempRepo.Create();
        var head = Processes.Git(repo.Path, "rev-parse", "HEAD").Trim();
        EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "true");
        EvidenceCli.Run(repo.Path, "run", "--name", "lint", "--", "false");
        int Verify(params string[] args) => EvidenceCli.Run(repo.Path, ["verify", .. args]).ExitCode;

        Assert.Equal(0, Verify("last-verified", "--require-check", "unit", "--commit", head[..8], "--clean", "--max-age", "1h"));
        Assert.Equal(1, Verify("last"));
        Assert.Equal(0, Verify("last", "--require-outcome", "failed"));
        Assert.Equal(0, Verify("last", "--require-outcome", "any"));
        Assert.Equal(1, Verify("last-verified", "--require-check", "lint"));
        Assert.Equal(1, Verify("last", "--require-outcome", "any", "--require-check", "lint"));
        Assert.Equal(1, Verify("last-verified", "--commit", "0000000"));
        Assert.Equal(1, Verify("last-verified", "--max-age", "1ms"));

        repo.Write("dirty.txt", "x\n");
        EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "true");
        var dirty = EvidenceCli.Run(repo.Path, "verify", "last", "--commit", head, "--clean");
        Assert.Equal(1, dirty.ExitCode);
        Assert.Contains("NOT MET clean tree: the tree had 1 changed file(s)", dirty.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, Verify("last", "--commit", head));

        var json = JsonNode.Parse(EvidenceCli.Run(repo.Path, "verify", "last", "--require-check", "nope", "--json").Stdout)!;
        Assert.False((bool)json["gate_met"]!);
        Assert.Contains(json["conditions"]!.AsArray(), c => (string)c!["condition"]! == "check nope passed" && !(bool)c["met"]!);
    }

    [Fact]
    public void No_evidence_is_never_a_pass()
    {
        using var repo = TempRepo.Create();
        EvidenceCli.Run(repo.Path, "run", "--", "true");

        var missing = EvidenceCli.Run(repo.Path, "verify", "last-failed");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error EVD0802: no evidence", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_verify_with_the_right_key_only_and_break_when_the_bundle_changes()
    {
        using var repo = TempRepo.Create();
        using var keys = new TempFolder();
        Assert.Equal(0, EvidenceCli.Run(keys.Path, "keygen", "-o", "ci").ExitCode);
        Assert.Equal(0, EvidenceCli.Run(keys.Path, "keygen", "-o", "other").ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys.Combine("ci.pem")));
        var bundle = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "true"), repo.Combine(".evidence"));
        var unsigned = EvidenceCli.Run(repo.Path, "verify", "last", "--public-key", keys.Combine("ci.pub.pem"));

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "sign", "last", "--key", keys.Combine("ci.pem")).ExitCode);

        Assert.Equal(1, unsigned.ExitCode);
        Assert.Contains("has no attestation.dsse.json", unsigned.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", "last").ExitCode);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", "last", "--public-key", keys.Combine("ci.pub.pem")).ExitCode);
        var wrong = EvidenceCli.Run(repo.Path, "verify", "last", "--public-key", keys.Combine("other.pub.pem"));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("no signature in the envelope verifies with the given public key", wrong.Stdout, StringComparison.Ordinal);

        // The envelope is standard DSSE: OpenSSL checks the signature over the pre-authentication encoding.
        var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle.Path, "attestation.dsse.json")))!;
        var payload = Convert.FromBase64String((string)envelope["payload"]!);
        var type = (string)envelope["payloadType"]!;
        File.WriteAllBytes(keys.Combine("pae.bin"), [.. System.Text.Encoding.UTF8.GetBytes($"DSSEv1 {type.Length} {type} {payload.Length} "), .. payload]);
        File.WriteAllBytes(keys.Combine("sig.der"), Convert.FromBase64String((string)envelope["signatures"]![0]!["sig"]!));
        var openssl = Processes.Run("openssl", ["dgst", "-sha256", "-verify", "ci.pub.pem", "-signature", "sig.der", "pae.bin"], keys.Path);
        Assert.True(openssl.ExitCode == 0, openssl.Stdout + openssl.Stderr);
        var statement = JsonNode.Parse(payload)!;
        Assert.Equal("https://in-toto.io/Statement/v1", (string)statement["_type"]!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(bundle.Path, "bundle.json")))), (string)statement["subject"]![0]!["digest"]!["sha256"]!);

        var attest = EvidenceCli.Run(repo.Path, "attest", "last");
        Assert.Equal(statement.ToJsonString(), JsonNode.Parse(attest.Stdout)!.ToJsonString());

        using var tampered = Copy(bundle.Path);
        var manifest = JsonNode.Parse(File.ReadAllText(tampered.Combine("bundle.json")))!;
        manifest["duration_ms"] = 1;
        File.WriteAllText(tampered.Combine("bundle.json"), manifest.ToJsonString());
        var edited = EvidenceCli.Run(repo.Path, "verify", tampered.Path, "--public-key", keys.Combine("ci.pub.pem"));
        Assert.Equal(1, edited.ExitCode);
        Assert.Contains("the signed statement is about another bundle digest", edited.Stdout, StringComparison.Ordinal);
        using var flipped = Copy(bundle.Path);
        File.AppendAllText(flipped.Combine("env.json"), " ");
        Assert.Equal(2, EvidenceCli.Run(repo.Path, "verify", flipped.Path, "--public-key", keys.Combine("ci.pub.pem")).ExitCode);
    }

    private static void AssertInvalid(string bundle, string file, string what)
    {
        using var scratch = new TempFolder();
        var result = EvidenceCli.Run(scratch.Path, "verify", bundle);
        Assert.True(result.ExitCode == 2, $"{file} {what}: exit {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        Assert.Contains($"error EVD0801: {file}:", result.Stderr, StringComparison.Ordinal);
    }

    internal static TempFolder Copy(string bundle)
    {
        var copy = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories))
        {
            var target = copy.Combine(Path.GetRelativePath(bundle, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return copy;
    }
}
