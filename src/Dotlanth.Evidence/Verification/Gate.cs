using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Verification;

/// <summary>Evaluates a <see cref="GatePolicy"/> against a whole bundle: each condition met or not, with what was found.</summary>
public static class Gate
{
    public static List<GateCondition> Evaluate(string bundlePath, JsonObject manifest, string digest, GatePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(policy);
        var conditions = new List<GateCondition>();
        var outcome = (string?)manifest[BundleFields.Outcome];
        if (policy.RequireOutcome is { } required)
        {
            conditions.Add(new GateCondition($"outcome {required}", outcome == required, $"the outcome is {outcome}"));
        }

        var latest = LatestChecks.Of(bundlePath);
        foreach (var check in policy.RequireChecks)
        {
            conditions.Add(latest.TryGetValue(check, out var record)
                ? new GateCondition($"check {check} passed", (string?)record[BundleFields.Status] == "passed", $"its latest attempt (#{record[BundleFields.Attempt]}) {record[BundleFields.Status]}")
                : new GateCondition($"check {check} passed", false, "the bundle has no record of it"));
        }

        var repo = manifest["repo"] as JsonObject;
        if (policy.Commit is { } commit)
        {
            var recorded = (string?)repo?["commit"];
            conditions.Add(new GateCondition(
                $"commit {commit}",
                recorded is not null && recorded.StartsWith(commit.ToLowerInvariant(), StringComparison.Ordinal),
                recorded is null ? "the bundle records no commit" : $"the bundle is for {recorded[..Math.Min(12, recorded.Length)]}"));
        }

        if (policy.Clean)
        {
            var dirty = (bool?)repo?["dirty"];
            conditions.Add(new GateCondition("clean tree", dirty == false, dirty switch
            {
                false => "clean",
                true => (int?)repo?["changed_files"] is > 0 and var count ? $"the tree had {count} changed file(s)" : "the tree was " + RepoSummary.Of(manifest).Tree,
                null => RepoSummary.Of(manifest).Tree,
            }));
        }

        if (policy.MaxAge is { } maxAge)
        {
            var finished = DateTimeOffset.Parse((string?)manifest[BundleFields.FinishedAt] ?? (string)manifest[BundleFields.StartedAt]!, CultureInfo.InvariantCulture);
            var age = now - finished;
            conditions.Add(new GateCondition($"at most {maxAge} old", age <= maxAge, $"it finished {FormatAge(age)} ago"));
        }

        if (policy.PublicKeyPem is { } pem)
        {
            conditions.Add(Signature(bundlePath, digest, pem));
        }

        return conditions;
    }

    private static GateCondition Signature(string bundlePath, string digest, string pem)
    {
        const string Name = "signed by the given key";
        var path = Path.Combine(bundlePath, Attestation.EnvelopeFile);
        if (!File.Exists(path))
        {
            return new GateCondition(Name, false, $"the bundle has no {Attestation.EnvelopeFile}");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return new GateCondition(Name, false, $"the public key could not be read: {ex.Message}");
        }

        try
        {
            var reason = Attestation.Check(JsonNode.Parse(File.ReadAllBytes(path))!.AsObject(), key, digest);
            return new GateCondition(Name, reason is null, reason ?? $"valid ({Attestation.KeyId(key)})");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return new GateCondition(Name, false, $"{Attestation.EnvelopeFile} is not readable: {ex.Message}");
        }
    }

    private static string FormatAge(TimeSpan age) => age.TotalHours >= 1
        ? $"{(int)age.TotalHours}h{age.Minutes:00}m"
        : $"{(int)age.TotalMinutes}m{age.Seconds:00}s";
}
