using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Values;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

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
    public string Resolve(string syscall, string path) => Path.Combine(Root, RelativeOrFault(syscall, path));

    /// <summary>The '/'-separated path below the root, or a fault when it leaves the workspace.</summary>
    public string RelativeOrFault(string syscall, string path) =>
        Relative(path) is { } relative
            ? relative
            : throw Outside(syscall, path);

    /// <summary>The fault for a failed open beneath the root: missing, through a link, not a plain file, or an I/O error.</summary>
    public static VmFaultException Fault(string syscall, string path, IOException failure) => failure switch
    {
        FileNotFoundException => new VmFaultException(Codes.InputNotFound, $"{syscall}: '{path}' does not exist"),
        PathRefusedException { Kind: FileKind.Link } => Outside(syscall, path, "goes through a symbolic link, which programs may not follow"),
        PathRefusedException refused => new VmFaultException(Codes.PathNotPlainFile, $"{syscall}: {refused.Message}", "programs read and write plain files only"),
        _ => new VmFaultException(Codes.SyscallIoFailed, $"{syscall}: '{path}': {failure.Message}", "check the disk and the file's permissions"),
    };

    private static VmFaultException Outside(string syscall, string path, string why = "is outside the repository") =>
        new(Codes.PathOutsideWorkspace, $"{syscall}: '{path}' {why}", "programs may only read and write inside the repository");
}
