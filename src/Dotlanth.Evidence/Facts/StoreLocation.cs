using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Options;

namespace Dotlanth.Evidence.Facts;

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

    /// <summary>
    /// The store the commands that read runs (ls, inspect, gc...) look at: <paramref name="explicitRoot"/>, else the
    /// <c>store</c> of the evidence.yml that runs here would use, else the default.
    /// </summary>
    public static string ForReading(string? explicitRoot, string workingDirectory)
    {
        if (explicitRoot is not null)
        {
            return Path.GetFullPath(explicitRoot, workingDirectory);
        }

        if (ConfigLocator.Find(workingDirectory) is { } configPath)
        {
            try
            {
                if (ConfigLoader.Load(configPath).StoreRoot is { } store)
                {
                    return Path.GetFullPath(store, Path.GetDirectoryName(configPath)!);
                }
            }
            catch (ConfigException)
            {
                // A broken evidence.yml is reported by the commands that run checks; reading falls back to the default.
            }
        }

        return Resolve(null, workingDirectory, RepoLocation.Find(workingDirectory));
    }

    public static string Resolve(string? explicitRoot, string workingDirectory, RepoLocation repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return explicitRoot is not null
            ? Path.GetFullPath(explicitRoot, workingDirectory)
            : Path.Combine(repo.Root ?? workingDirectory, DefaultFolder);
    }
}
