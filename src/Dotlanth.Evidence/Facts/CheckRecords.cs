using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Facts;

/// <summary>Reads back checks.jsonl, for <c>end</c> and recovery, which decide a run from what its steps recorded.</summary>
internal static class CheckRecords
{
    /// <summary>A torn last line (a step that died mid-write) is not a record; <see cref="BundleLines.Read"/> skips it.</summary>
    public static IReadOnlyList<CheckSummary> Read(string path) =>
        [.. BundleLines.Read(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            .Select(record => new CheckSummary(
                record["name"]!.GetValue<string>(),
                record[BundleFields.Attempt]!.GetValue<int>(),
                record[BundleFields.Status]!.GetValue<string>(),
                record["required"]!.GetValue<bool>(),
                record[BundleFields.ExitCode]!.GetValue<int>(),
                record[BundleFields.Seq]!.GetValue<long>()))
            .OrderBy(c => c.Seq)];
}
