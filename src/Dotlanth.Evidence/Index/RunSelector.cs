using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Index;

/// <summary>
/// What every command that takes a run accepts: a full id, a unique prefix of one, <c>last</c>, <c>last-failed</c>,
/// <c>last-verified</c>, or the path of a bundle folder.
/// </summary>
public static class RunSelector
{
    public const string Forms = "a run id, a unique id prefix, last, last-failed, last-verified, or a bundle folder";

    private const int ShownCandidates = 10;

    /// <summary>The bundle folder the selector names; throws <see cref="EvidenceException"/> when none or several do.</summary>
    public static string Resolve(RunIndex index, string selector, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(selector);
        var byOutcome = selector switch
        {
            "last" => new RunQuery { Limit = 1 },
            "last-failed" => new RunQuery { Outcome = "failed", Limit = 1 },
            "last-verified" => new RunQuery { Outcome = "verified", Limit = 1 },
            _ => null,
        };
        if (byOutcome is not null)
        {
            return index.Query(byOutcome) is [var newest] ? newest.Path : throw NotFound(index, selector);
        }

        var asPath = Path.GetFullPath(selector, workingDirectory);
        if (File.Exists(Path.Combine(asPath, BundleLayout.Manifest)))
        {
            return asPath;
        }

        var exact = Path.Combine(index.StoreRoot, BundleLayout.RunsFolder, selector);
        if (RunId.IsValid(selector) && File.Exists(Path.Combine(exact, BundleLayout.Manifest)))
        {
            return exact;
        }

        var matches = selector.Length == 0 || selector.Contains('/', StringComparison.Ordinal) ? [] : index.WithPrefix(selector, ShownCandidates + 1);
        return matches switch
        {
            [var only] => only.Path,
            [] => throw NotFound(index, selector),
            _ => throw new EvidenceException(new EvidenceError(
                Codes.RunAmbiguous,
                $"'{selector}' matches {(matches.Count > ShownCandidates ? $"more than {ShownCandidates}" : matches.Count)} runs: {string.Join(", ", matches.Take(ShownCandidates).Select(m => m.Id))}",
                "give more of the id")),
        };
    }

    private static EvidenceException NotFound(RunIndex index, string selector) => new(new EvidenceError(
        Codes.RunNotFound,
        $"no run matches '{selector}' in {index.StoreRoot}",
        $"give {Forms}; 'dotnet evidence ls' lists the runs"));
}
