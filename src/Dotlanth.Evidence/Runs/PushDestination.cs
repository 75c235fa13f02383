using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Options;

namespace Dotlanth.Evidence.Runs;

/// <summary>Where a run's sealed bundles are pushed: the front end's choice, else the remote store of evidence.yml.</summary>
public static class PushDestination
{
    /// <summary>
    /// The store every sealed bundle of a run is pushed to: <c>--store</c> when it names one, else an
    /// <c>s3://</c> <c>store</c> in the evidence.yml the run uses (or would find); null when there is none.
    /// </summary>
    public static string? Of(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PushTo is not null || options.Config is not null)
        {
            return options.PushTo ?? options.Config?.RemoteStore;
        }

        try
        {
            return ConfiguredTarget(options.WorkingDirectory);
        }
        catch (EvidenceException)
        {
            // A broken evidence.yml is the run's to report (a run with a command does not read it otherwise).
            return null;
        }
    }

    /// <summary>The <c>s3://</c> <c>store</c> of the evidence.yml found from <paramref name="workingDirectory"/>, or null.</summary>
    public static string? ConfiguredTarget(string workingDirectory)
    {
        if (ConfigLocator.Find(workingDirectory) is not { } path)
        {
            return null;
        }

        try
        {
            return ConfigLoader.Load(path).RemoteStore;
        }
        catch (ConfigException broken)
        {
            throw new EvidenceException(broken.Error);
        }
    }
}
