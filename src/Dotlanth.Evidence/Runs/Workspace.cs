using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Values;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>The folder a program's fs and artifact syscalls may touch (the repository, else the working directory).</summary>
public sealed class Workspace(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The path relative to the root with '/', or null when it leads outside (directly or through a symlink).</summary>
    public string? Relative(string path)
    {
        var full = Path.GetFullPath(path, Root);
        if (!RealPaths.Inside(full, Root) || !RealPaths.Inside(RealPaths.Of(full), RealPaths.Of(Root)))
        {
            return null;
        }

        return Path.GetRelativePath(Root, full).Replace('\\', '/');
    }

    /// <summary>The full path of a program-given path, or a fault when it leaves the workspace.</summary>
    public string Resolve(string syscall, string path) =>
        Relative(path) is { } relative
            ? Path.Combine(Root, relative)
            : throw new VmFaultException(Codes.PathOutsideWorkspace, $"{syscall}: '{path}' is outside the repository", "programs may only read and write inside the repository");
}
