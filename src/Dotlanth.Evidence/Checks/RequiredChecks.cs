using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;

namespace Dotlanth.Evidence.Checks;

/// <summary>Required checks that left no record: each is listed as missing, so the outcome can never be verified by their absence.</summary>
public static class RequiredChecks
{
    public static List<string> NeverRan(BundleWriter bundle, IEnumerable<string> required, IReadOnlyList<CheckSummary> ran, string why)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var missing = required.Distinct(StringComparer.Ordinal).Where(name => ran.All(r => r.Name != name)).ToList();
        foreach (var name in missing)
        {
            bundle.AddMissing($"checks.jsonl#{name}", Codes.CheckNotRun, $"required check '{name}' never ran: {why}");
        }

        return missing;
    }
}
