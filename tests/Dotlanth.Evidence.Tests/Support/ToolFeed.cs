namespace Dotlanth.Evidence.Tests.Support;

/// <summary>The CLI packed as a (portable) .NET tool into a temp folder, for the Action's install step.</summary>
public sealed class ToolFeed : IDisposable
{
    public ToolFeed()
    {
        Version = LocalPack.NewVersion();
        Folder = Directory.CreateTempSubdirectory("evidence-tool-feed-").FullName;
        LocalPack.Pack("Dotlanth.Evidence.Cli", Version, Folder);
    }

    public string Version { get; }

    public string Folder { get; }

    public void Dispose() => LocalPack.Forget(Folder, "Dotlanth.Evidence.Cli", Version);
}
