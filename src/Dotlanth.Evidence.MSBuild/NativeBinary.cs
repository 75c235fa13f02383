namespace Dotlanth.Evidence.MSBuild;

/// <summary>Whether the package's native CLI can run here: NuGet extracts files without their execute bit, so it is set once.</summary>
internal static class NativeBinary
{
    public static bool Usable(string? path, out string why)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            why = "no native build for this machine in the package";
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            why = string.Empty;
            return true;
        }

        try
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | Execute);
            }

            why = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only package folder: the portable build runs everywhere the SDK does.
            why = $"the native build could not be made executable: {ex.Message}";
            return false;
        }
    }
}
