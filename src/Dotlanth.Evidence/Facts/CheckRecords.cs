using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Facts;

/// <summary>Reads back checks.jsonl, for <c>end</c> and recovery, which decide a run from what its steps recorded.</summary>
internal static class CheckRecords
{
    /// <summary>The records of the checks.jsonl in <paramref name="folder"/>; a torn last line (a step that died mid-write) is not a record.</summary>
    public static IReadOnlyList<CheckSummary> Read(string folder) =>
        [.. CheckRecord.Read(folder)
            .Select(r => new CheckSummary(r.Name, r.Attempt, r.Status, r.Required, r.ExitCode, r.Seq))
            .OrderBy(c => c.Seq)];
}
