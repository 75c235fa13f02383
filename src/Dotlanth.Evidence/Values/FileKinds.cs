namespace Dotlanth.Evidence.Values;

/// <summary>
/// Tells plain files and folders from links, FIFOs, sockets and devices. .NET reports a FIFO as a plain file, and
/// opening one to read blocks until a writer comes, so anything that reads what others could have placed asks here.
/// </summary>
public static class FileKinds
{
    public static FileKind Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.LinkTarget is not null ? FileKind.Link
                : Directory.Exists(path) ? FileKind.Directory
                : info.Exists ? FileKind.Regular
                : FileKind.Missing;
        }

        return FromType(LinuxFiles.TypeOf(LinuxFiles.AT_FDCWD, path, 0));
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Link => "a symbolic link",
        FileKind.Fifo => "a FIFO",
        FileKind.Socket => "a socket",
        FileKind.Device => "a device",
        FileKind.Directory => "a folder",
        FileKind.Missing => "missing",
        FileKind.Regular => "a file",
        _ => "not a plain file",
    };

    internal static FileKind FromType(int type) => type switch
    {
        -LinuxFiles.ENOENT or -LinuxFiles.ENOTDIR => FileKind.Missing,
        LinuxFiles.S_IFREG => FileKind.Regular,
        LinuxFiles.S_IFDIR => FileKind.Directory,
        LinuxFiles.S_IFLNK => FileKind.Link,
        LinuxFiles.S_IFIFO => FileKind.Fifo,
        LinuxFiles.S_IFSOCK => FileKind.Socket,
        LinuxFiles.S_IFCHR or LinuxFiles.S_IFBLK => FileKind.Device,
        _ => FileKind.Unknown,
    };
}
