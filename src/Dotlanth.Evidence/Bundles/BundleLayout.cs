namespace Dotlanth.Evidence.Bundles;

/// <summary>The names and roles of bundle v1's files.</summary>
public static class BundleLayout
{
    public const int SchemaVersion = 1;
    public const string RunsFolder = "runs";
    public const string StagingFolder = ".staging";

    /// <summary>Where <c>report</c> writes a page when not told where: inside the store, never into the work tree.</summary>
    public const string ReportsFolder = "reports";

    /// <summary>The store's push journal: one record per run pushed (or still to push) to a remote store.</summary>
    public const string PushesFolder = "pushes";

    /// <summary>The name a remote store's index entry is checked under (schemas/v1/store-entry.schema.json).</summary>
    public const string StoreEntry = "store-entry.json";

    /// <summary>What the tool keeps at the top of a store: the bundles, the push records, reports, and the run index with its journal.</summary>
    public static readonly IReadOnlyList<string> StoreEntries = [RunsFolder, PushesFolder, ReportsFolder, "index.db", "index.db-wal", "index.db-shm", "index.pending", "index.lock"];
    public const string Manifest = "bundle.json";
    public const string Checks = "checks.jsonl";

    /// <summary>One record per test case read from the checks' reports; present when a check had test reports.</summary>
    public const string Tests = "tests.jsonl";
    public const string Diff = "diff.patch";
    public const string ChangedFiles = "changed_files.json";
    public const string Environment = "env.json";
    public const string InputSnapshot = "input_snapshot.json";
    public const string Trace = "trace.jsonl";
    public const string Errors = "errors.json";
    public const string ConfigSnapshot = "config.snapshot.json";
    public const string ArtifactsIndex = "artifacts.json";
    public const string CapabilityReport = "capability_report.json";
    public const string ToolCalls = "tool_calls.json";

    /// <summary>In a staging folder only: which process owns it. Removed before sealing.</summary>
    public const string OwnerMarker = ".owner";

    /// <summary>In a staging folder only: the manifest's facts, kept early so a run recovered after a crash still has them.</summary>
    public const string FactsFile = ".facts.json";

    public static string RoleOf(string relativePath) => relativePath switch
    {
        Manifest => "manifest",
        Checks => "checks",
        Tests => "tests",
        Diff => "diff",
        ChangedFiles => "changed-files",
        Environment => "environment",
        InputSnapshot => "input",
        Trace => "trace",
        Errors => "errors",
        ConfigSnapshot => "config",
        CapabilityReport => "capabilities",
        ArtifactsIndex => "artifacts-index",
        ToolCalls => "tool-calls",
        _ when relativePath.StartsWith("stdout/", StringComparison.Ordinal) => "stdout",
        _ when relativePath.StartsWith("stderr/", StringComparison.Ordinal) => "stderr",
        _ when relativePath.StartsWith("artifacts/", StringComparison.Ordinal) => "artifact",
        _ when relativePath.StartsWith("tests/", StringComparison.Ordinal) => "test-results",
        _ => "other",
    };
}
