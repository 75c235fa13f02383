using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Verification;

/// <summary>
/// The in-toto Test Result predicate (v0.1) from a run's test records: PASSED when every test's final result passed
/// or was skipped, FAILED when one failed — and FAILED too when a check's reports are missing or unreadable, as an
/// unknown never passes. The configuration lists the reports, by their digests in the bundle.
/// </summary>
public static class TestResultAttestation
{
    public const string EnvelopeFile = "test-result.dsse.json";
    public const string PredicateType = "https://in-toto.io/attestation/test-result/v0.1";

    /// <summary>The statement, or null for a run without test records.</summary>
    public static JsonObject? Statement(string bundlePath, IRedactor redactor)
    {
        var tests = RunTests.Read(bundlePath);
        var checks = CheckRecord.Read(bundlePath);
        var incomplete = checks.Any(c => c.TestsIncomplete);
        if (tests.IsEmpty && !incomplete)
        {
            return null;
        }

        var manifestBytes = File.ReadAllBytes(Path.Combine(bundlePath, BundleLayout.Manifest));
        var manifest = JsonNode.Parse(manifestBytes)!.AsObject();
        var files = manifest["files"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var reports = files.Where(f => ((string?)f["path"])?.StartsWith("tests/", StringComparison.Ordinal) == true).ToList();
        string Name(TestRecord t) => $"{t.Check}/{t.FullName}";
        var failed = tests.Failing.Select(Name).ToList();
        var statement = new JsonObject
        {
            ["_type"] = Attestation.StatementType,
            ["subject"] = new JsonArray(new JsonObject
            {
                ["name"] = $"runs/{manifest[BundleFields.RunId]}/bundle.json",
                ["digest"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(manifestBytes)) },
            }),
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                ["result"] = failed.Count > 0 || incomplete ? "FAILED" : "PASSED",
                ["configuration"] = new JsonArray([.. reports.Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r["path"]?.DeepClone(),
                    ["digest"] = new JsonObject { ["sha256"] = r["sha256"]?.DeepClone() },
                })]),
                ["url"] = manifest["ci"]?["run_url"]?.DeepClone(),
                ["passedTests"] = Names(tests.Final.Where(t => t.Status == "passed").Select(Name)),
                ["warnedTests"] = Names(tests.Flaky.Select(Name)),
                ["failedTests"] = Names(failed),
            },
        };
        return (JsonObject)JsonRedaction.Redact(statement, redactor)!;
    }

    private static JsonArray Names(IEnumerable<string> names) => new([.. names.Select(n => (JsonNode)JsonValue.Create(n))]);
}
