using Microsoft.Win32.SafeHandles;

namespace Dotlanth.Evidence.Values;

/// <summary>
/// Opens a file below a root folder so that nothing can move the open outside it: each component is opened from the
/// handle of the one before with O_NOFOLLOW, so a folder swapped for a link between a check and the open fails the
/// open instead of following the link. Only plain files are opened; a FIFO or device is refused without blocking.
/// </summary>
public static class BeneathFiles
{
    /// <summary>Opens <paramref name="relativePath"/> ('/'-separated, no '..') under <paramref name="root"/> to read.</summary>
    public static SafeFileHandle OpenRead(string root, string relativePath) => Open(root, relativePath, write: false);

    /// <summary>Creates or truncates a file under <paramref name="root"/>, making missing folders on the way.</summary>
    public static SafeFileHandle OpenWrite(string root, string relativePath) => Open(root, relativePath, write: true);

    private static SafeFileHandle Open(string root, string relativePath, bool write)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relativePath);
        var parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => p is "." or ".."))
        {
            throw new PathRefusedException(relativePath, FileKind.Unknown, "is not a path below the folder");
        }

        if (!OperatingSystem.IsLinux())
        {
            return OpenByPath(Path.Combine(root, Path.Combine(parts)), relativePath, write);
        }

        var folder = LinuxFiles.openat(LinuxFiles.AT_FDCWD, root, LinuxFiles.O_PATH | LinuxFiles.O_DIRECTORY | LinuxFiles.O_CLOEXEC, 0);
        if (folder < 0)
        {
            throw Failure(relativePath, root, LinuxFiles.LastError);
        }

        try
        {
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (write && LinuxFiles.mkdirat(folder, parts[i], 0x1FF) < 0 && LinuxFiles.LastError != LinuxFiles.EEXIST)
                {
                    throw Failure(relativePath, parts[i], LinuxFiles.LastError);
                }

                var next = LinuxFiles.openat(folder, parts[i], LinuxFiles.O_PATH | LinuxFiles.O_DIRECTORY | LinuxFiles.O_NOFOLLOW | LinuxFiles.O_CLOEXEC, 0);
                var error = LinuxFiles.LastError;
                if (next < 0)
                {
                    throw Refusal(relativePath, folder, parts[i], error) ?? Failure(relativePath, parts[i], error);
                }

                _ = LinuxFiles.close(folder);
                folder = next;
            }

            var name = parts[^1];
            var flags = LinuxFiles.O_NOFOLLOW | LinuxFiles.O_CLOEXEC | LinuxFiles.O_NONBLOCK
                | (write ? LinuxFiles.O_WRONLY | LinuxFiles.O_CREAT | LinuxFiles.O_TRUNC : LinuxFiles.O_RDONLY);
            var fd = LinuxFiles.openat(folder, name, flags, 0x1B6);
            var openError = LinuxFiles.LastError;
            if (fd < 0)
            {
                throw Refusal(relativePath, folder, name, openError) ?? Failure(relativePath, name, openError);
            }

            var handle = new SafeFileHandle(fd, ownsHandle: true);
            var kind = FileKinds.FromType(LinuxFiles.TypeOf(fd, string.Empty, LinuxFiles.AT_EMPTY_PATH));
            if (kind != FileKind.Regular)
            {
                handle.Dispose();
                throw new PathRefusedException(relativePath, kind, $"is {FileKinds.Describe(kind)}, not a plain file");
            }

            // Non-blocking was only for the open (a FIFO must not hang it); plain files ignore it, but clear it anyway.
            _ = LinuxFiles.fcntl(fd, LinuxFiles.F_SETFL, LinuxFiles.fcntl(fd, LinuxFiles.F_GETFL, 0) & ~LinuxFiles.O_NONBLOCK);
            return handle;
        }
        finally
        {
            _ = LinuxFiles.close(folder);
        }
    }

    /// <summary>
    /// Why an open by name failed when the name is a link or a special file; null for other failures. A name that is a
    /// plain file or folder again by the time it is looked at was swapped while it was opened: that is a link too.
    /// </summary>
    private static PathRefusedException? Refusal(string relativePath, int folder, string name, int errno)
    {
        if (errno is not (LinuxFiles.ELOOP or LinuxFiles.ENOTDIR or LinuxFiles.ENXIO))
        {
            return null;
        }

        var kind = FileKinds.FromType(LinuxFiles.TypeOf(folder, name, 0));
        return (kind, errno) switch
        {
            (FileKind.Regular, LinuxFiles.ENOTDIR) => new PathRefusedException(relativePath, kind, $"goes through '{name}', which is not a folder"),
            (FileKind.Missing, _) => null,
            (FileKind.Link or FileKind.Regular or FileKind.Directory, _) => new PathRefusedException(relativePath, FileKind.Link, $"goes through a symbolic link ('{name}'), which is not followed"),
            _ => new PathRefusedException(relativePath, kind, $"is {FileKinds.Describe(kind)}, not a plain file"),
        };
    }

    private static IOException Failure(string relativePath, string component, int errno) => errno switch
    {
        LinuxFiles.ENOENT => new FileNotFoundException($"'{relativePath}' does not exist", relativePath),
        LinuxFiles.ENOTDIR => new PathRefusedException(relativePath, FileKind.Regular, $"goes through '{component}', which is not a folder"),
        _ => new IOException($"'{relativePath}': {LinuxFiles.ErrorText(errno)}", errno),
    };

    private static SafeFileHandle OpenByPath(string full, string relativePath, bool write)
    {
        if (new FileInfo(full).LinkTarget is not null)
        {
            throw new PathRefusedException(relativePath, FileKind.Link, "is a symbolic link, which is not followed");
        }

        if (write)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }

        return File.OpenHandle(full, write ? FileMode.Create : FileMode.Open, write ? FileAccess.Write : FileAccess.Read);
    }
}
