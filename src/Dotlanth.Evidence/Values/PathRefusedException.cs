namespace Dotlanth.Evidence.Values;

/// <summary>A path that leaves its folder through a link, or names something other than a plain file.</summary>
public sealed class PathRefusedException(string relativePath, FileKind kind, string why) : IOException($"'{relativePath}' {why}")
{
    public string RelativePath { get; } = relativePath;

    /// <summary>What was found where a folder or plain file was expected.</summary>
    public FileKind Kind { get; } = kind;
}
