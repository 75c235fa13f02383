using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Index;

/// <summary>
/// What <c>compare RUN</c> measures a run against: the latest earlier run that ran the same checks (by name), whatever
/// its outcome, so a run of pytest is never compared with a run of npm test.
/// </summary>
public static class Baselines
{
    /// <summary>How many earlier runs sharing a check name are looked at, newest first.</summary>
    private const int Scanned = 2000;

    /// <summary>The bundle folder of the baseline; throws <see cref="EvidenceException"/> when there is none.</summary>
    public static string For(RunIndex index, string candidatePath)
    {
        ArgumentNullException.ThrowIfNull(index);
        var candidate = BundleFacts.Read(candidatePath)
            ?? throw new EvidenceException(new EvidenceError(Codes.RunNotFound, $"{candidatePath} is not a readable bundle", "name a sealed run"));
        return For(index, candidate);
    }

    /// <summary>The bundle folder of the baseline of an indexed run; throws <see cref="EvidenceException"/> when there is none.</summary>
    public static string For(RunIndex index, IndexedRun candidate)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(candidate);
        var names = Names(candidate.Checks);
        if (names.Count == 0)
        {
            throw new EvidenceException(new EvidenceError(Codes.RunNotFound, $"run {candidate.Id} ran no check, so no earlier run can be matched with it", "name the baseline too: compare BASELINE CANDIDATE"));
        }

        foreach (var run in index.Query(new RunQuery { Check = names.Min(StringComparer.Ordinal), Limit = Scanned }))
        {
            if (Precedes(run, candidate) && Names(index.ChecksOf(run.Id)).SetEquals(names))
            {
                return run.Path;
            }
        }

        throw new EvidenceException(new EvidenceError(
            Codes.RunNotFound,
            $"no run before {candidate.Id} ran the same checks ({string.Join(", ", names.Order(StringComparer.Ordinal))})",
            "name the baseline too: compare BASELINE CANDIDATE"));
    }

    /// <summary>
    /// The index's own order: start time, then id. Not the id alone: ids of runs started in the same second differ
    /// by a random suffix, so the earlier of two such runs may have the larger id.
    /// </summary>
    private static bool Precedes(IndexedRun run, IndexedRun candidate) =>
        run.StartedAt < candidate.StartedAt
        || (run.StartedAt == candidate.StartedAt && string.CompareOrdinal(run.Id, candidate.Id) < 0);

    private static HashSet<string> Names(IEnumerable<IndexedCheck> checks) => [.. checks.Select(c => c.Name)];
}
