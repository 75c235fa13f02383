using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Verification;

/// <summary>
/// in-toto Statement v1 about a bundle (subject: the bundle digest, the sha256 of bundle.json; predicate: the run in
/// brief), and DSSE envelopes signed with ECDSA P-256 over the DSSE pre-authentication encoding.
/// </summary>
public static class Attestation
{
    public const string EnvelopeFile = "attestation.dsse.json";
    public const string PayloadType = "application/vnd.in-toto+json";
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://dotlanth.dev/evidence/run/v1";

    /// <summary>The statement, passed through <paramref name="redactor"/> like every output.</summary>
    public static JsonObject Statement(string bundlePath, IRedactor redactor)
    {
        var manifestBytes = File.ReadAllBytes(Path.Combine(bundlePath, BundleLayout.Manifest));
        var manifest = JsonNode.Parse(manifestBytes)!.AsObject();
        var checks = BundleLines.Read(bundlePath, BundleLayout.Checks);
        var statement = new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = new JsonArray(new JsonObject
            {
                ["name"] = $"runs/{manifest[BundleFields.RunId]}/bundle.json",
                ["digest"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(manifestBytes)) },
            }),
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                [BundleFields.RunId] = manifest[BundleFields.RunId]?.DeepClone(),
                [BundleFields.Outcome] = manifest[BundleFields.Outcome]?.DeepClone(),
                [BundleFields.ExitCode] = manifest[BundleFields.ExitCode]?.DeepClone(),
                [BundleFields.StartedAt] = manifest[BundleFields.StartedAt]?.DeepClone(),
                [BundleFields.FinishedAt] = manifest[BundleFields.FinishedAt]?.DeepClone(),
                ["tool"] = manifest["tool"]?.DeepClone(),
                ["repo"] = manifest["repo"] is JsonObject repo ? new JsonObject
                {
                    ["commit"] = repo["commit"]?.DeepClone(),
                    ["branch"] = repo["branch"]?.DeepClone(),
                    ["dirty"] = repo["dirty"]?.DeepClone(),
                } : null,
                ["spec"] = manifest["spec"]?.DeepClone(),
                ["checks"] = new JsonArray([.. checks.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c["name"]?.DeepClone(),
                    [BundleFields.Attempt] = c[BundleFields.Attempt]?.DeepClone(),
                    [BundleFields.Status] = c[BundleFields.Status]?.DeepClone(),
                    [BundleFields.ExitCode] = c[BundleFields.ExitCode]?.DeepClone(),
                })]),
            },
        };
        return (JsonObject)JsonRedaction.Redact(statement, redactor)!;
    }

    /// <summary>A DSSE envelope over the statement; <paramref name="existing"/> (same payload) keeps its other signatures.</summary>
    public static JsonObject Sign(JsonObject statement, ECDsa key, JsonObject? existing = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var payload = JsonText.ToLine(statement).AsSpan(0..^1).ToArray();
        var signature = key.SignData(Pae(PayloadType, payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var keyId = KeyId(key);
        var signatures = new JsonArray();
        if (existing is not null && (string?)existing["payload"] == Convert.ToBase64String(payload))
        {
            foreach (var other in existing["signatures"]?.AsArray().OfType<JsonObject>().Where(s => (string?)s["keyid"] != keyId) ?? [])
            {
                signatures.Add((JsonNode)other.DeepClone());
            }
        }

        signatures.Add((JsonNode)new JsonObject { ["keyid"] = keyId, ["sig"] = Convert.ToBase64String(signature) });
        return new JsonObject
        {
            ["payloadType"] = PayloadType,
            ["payload"] = Convert.ToBase64String(payload),
            ["signatures"] = signatures,
        };
    }

    /// <summary>Null when the envelope carries a statement about <paramref name="digest"/> signed by <paramref name="publicKey"/>; else why not.</summary>
    public static string? Check(JsonObject envelope, ECDsa publicKey, string digest)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(publicKey);
        if ((string?)envelope["payloadType"] != PayloadType || envelope["payload"] is not JsonValue payloadText)
        {
            return "the envelope does not carry an in-toto statement";
        }

        byte[] payload;
        JsonObject statement;
        try
        {
            payload = Convert.FromBase64String(payloadText.GetValue<string>());
            statement = JsonNode.Parse(payload)!.AsObject();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return "the envelope's payload is not a readable statement";
        }

        var subjects = statement["subject"]?.AsArray().Select(s => (string?)s?["digest"]?["sha256"]) ?? [];
        if ((string?)statement["_type"] != StatementType || !subjects.Contains(digest))
        {
            return $"the signed statement is about another bundle digest, not {digest[..12]}… (the manifest changed after signing)";
        }

        var signed = Pae(PayloadType, payload);
        foreach (var signature in envelope["signatures"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            try
            {
                if (publicKey.VerifyData(signed, Convert.FromBase64String((string)signature["sig"]!), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                {
                    return null;
                }
            }
            catch (FormatException)
            {
                // A malformed signature is just not a valid one.
            }
        }

        return "no signature in the envelope verifies with the given public key";
    }

    /// <summary>DSSE v1 pre-authentication encoding: what is actually signed.</summary>
    public static byte[] Pae(string payloadType, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(payload);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.UTF8.GetBytes($"DSSEv1 {type.Length} {payloadType} {payload.Length} ");
        return [.. header, .. payload];
    }

    public static string KeyId(ECDsa key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}
