namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// Field names the bundle's files share (bundle.json, checks.jsonl, trace.jsonl, the store's entries, the run
/// result), spelled once for every writer and reader. schemas/v1 is the contract they must match.
/// </summary>
public static class BundleFields
{
    public const string SchemaVersion = "schema_version";
    public const string RunId = "run_id";
    public const string Outcome = "outcome";
    public const string ExitCode = "exit_code";
    public const string Status = "status";
    public const string StartedAt = "started_at";
    public const string FinishedAt = "finished_at";
    public const string DurationMs = "duration_ms";
    public const string Attempt = "attempt";
    public const string Seq = "seq";
    public const string Steps = "steps";
    public const string Missing = "missing";
}
