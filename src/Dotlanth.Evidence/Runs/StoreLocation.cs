using Dotlanth.Evidence.Git;

namespace Dotlanth.Evidence.Runs;

/// <summary>The default store: <c>.evidence</c> at the repository root, else in the working directory.</summary>
public static class StoreLocation
{
    public const string DefaultFolder = ".evidence";

    /// <summary>The store a run with these options uses.</summary>
    public static string Of(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Resolve(options.StoreRoot, options.WorkingDirectory, RepoLocation.Find(options.WorkingDirectory));
    }

    public static string Resolve(string? explicitRoot, string workingDirectory, RepoLocation repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return explicitRoot is not null
            ? Path.GetFullPath(explicitRoot, workingDirectory)
            : Path.Combine(repo.Root ?? workingDirectory, DefaultFolder);
    }
}
