using System.Formats.Tar;
using System.IO.Compression;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Archives;

/// <summary>
/// Bundles as .tar.gz. Export is deterministic (sorted entries, fixed time, owner and modes), so one bundle always
/// gives the same archive bytes. Reading refuses anything but plain files and folders under one run-id folder: no
/// absolute paths, no '..', no links or devices, no duplicates, and no more than a size limit once expanded.
/// </summary>
public static class BundleArchive
{
    public const long DefaultMaxExpandedBytes = 2L * 1024 * 1024 * 1024;
    public const int MaxEntries = 200_000;

    // A fixed, valid time for every entry: archives must not depend on when or where they were made.
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Export(string bundlePath, string archivePath)
    {
        bundlePath = BundleFolder.Require(bundlePath);
        var id = Path.GetFileName(Path.GetFullPath(bundlePath).TrimEnd('/'));
        var files = Directory.EnumerateFiles(bundlePath, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(bundlePath, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var folders = files.SelectMany(Parents).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scratch = archivePath + ".partial";
        using (var output = new FileStream(scratch, FileMode.Create, FileAccess.Write))
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: false))
        {
            tar.WriteEntry(Folder(id + "/"));
            foreach (var folder in folders)
            {
                tar.WriteEntry(Folder($"{id}/{folder}/"));
            }

            foreach (var file in files)
            {
                using var data = File.OpenRead(Path.Combine(bundlePath, file));
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"{id}/{file}")
                {
                    DataStream = data,
                    ModificationTime = FixedTime,
                    Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                });
            }
        }

        File.Move(scratch, archivePath, overwrite: true);
    }

    /// <summary>Extracts a bundle archive into <paramref name="into"/>; returns the bundle folder. Throws <see cref="EvidenceException"/> on anything suspicious.</summary>
    public static string Extract(string archivePath, string into, long maxExpandedBytes = DefaultMaxExpandedBytes)
    {
        string? top = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long expanded = 0;
        using var input = File.OpenRead(archivePath);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        try
        {
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name;
                if (seen.Count >= MaxEntries)
                {
                    throw Refused(archivePath, $"it has more than {MaxEntries} entries");
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.Directory))
                {
                    throw Refused(archivePath, $"entry '{name}' is a {entry.EntryType}, and only plain files and folders are accepted");
                }

                var parts = name.TrimEnd('/').Split('/');
                if (name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || parts.Any(p => p is "" or "." or ".."))
                {
                    throw Refused(archivePath, $"entry '{name}' has an absolute or escaping path");
                }

                top ??= parts[0];
                if (parts[0] != top || !RunId.IsValid(top))
                {
                    throw Refused(archivePath, $"entry '{name}' is not inside one run-id folder");
                }

                if (!seen.Add(name.TrimEnd('/')))
                {
                    throw Refused(archivePath, $"entry '{name}' appears twice");
                }

                var target = Path.Combine(into, Path.Combine(parts));
                if (entry.EntryType == TarEntryType.Directory)
                {
                    Directory.CreateDirectory(target);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                if (entry.DataStream is { } data)
                {
                    // Count what actually comes out, not what the header claims.
                    var buffer = new byte[81920];
                    int read;
                    while ((read = data.Read(buffer)) > 0)
                    {
                        expanded += read;
                        if (expanded > maxExpandedBytes)
                        {
                            throw Refused(archivePath, $"it expands to more than {maxExpandedBytes} bytes");
                        }

                        file.Write(buffer, 0, read);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw Refused(archivePath, $"it is not a readable .tar.gz ({ex.Message})");
        }

        return top is null ? throw Refused(archivePath, "it is empty") : Path.Combine(into, top);
    }

    private static IEnumerable<string> Parents(string relative)
    {
        var parts = relative.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            yield return string.Join('/', parts[..i]);
        }
    }

    private static UstarTarEntry Folder(string name) => new(TarEntryType.Directory, name)
    {
        ModificationTime = FixedTime,
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
        Uid = 0,
        Gid = 0,
        UserName = string.Empty,
        GroupName = string.Empty,
    };

    private static EvidenceException Refused(string archivePath, string why) =>
        new(new EvidenceError(Codes.ArchiveRefused, $"{Path.GetFileName(archivePath)} was refused: {why}", "import only archives made by 'dotnet evidence export'"));
}
