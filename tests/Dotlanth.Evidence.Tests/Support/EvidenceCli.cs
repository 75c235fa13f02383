namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// Runs the real dotnet-evidence CLI as a child process, the way users do: the NativeAOT binary when
/// EVIDENCE_CLI_NATIVE names one (build/test.sh publishes it), else the portable build through the dotnet host.
/// </summary>
public static class EvidenceCli
{
    private static readonly string? Native = Environment.GetEnvironmentVariable("EVIDENCE_CLI_NATIVE") is { Length: > 0 } native ? native : null;

    private static readonly string DllPath = Path.Combine(AppContext.BaseDirectory, "dotnet-evidence.dll");

    /// <summary>"native" or "portable": which build the tests drive, as the bundle's tool facts name it.</summary>
    public static string Build => Native is null ? "portable" : "native";

    /// <summary>The folder of RID folders the native binary was published into (artifacts/native), or null.</summary>
    public static string? NativeFolder => Native is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Native));

    /// <summary>The program to start: the native binary, or the dotnet host.</summary>
    public static string Executable { get; } = Native ?? (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet");

    /// <summary>The arguments for <see cref="Executable"/>: the CLI's own, after the portable build's dll.</summary>
    public static IEnumerable<string> Args(IEnumerable<string> args) => Native is null ? [DllPath, .. args] : args;

    /// <summary>The CLI as a shell command, quoted, for scripts.</summary>
    public static string ShellCommand => Native is null ? $"'{Executable}' '{DllPath}'" : $"'{Native}'";

    public static ProcessResult Run(string cwd, IEnumerable<string> args, IDictionary<string, string?>? env = null, string? stdin = null, int timeoutSeconds = 120) =>
        Processes.Run(Executable, Args(args), cwd, env, stdin, timeoutSeconds);

    public static ProcessResult Run(string cwd, params string[] args) => Run(cwd, (IEnumerable<string>)args);
}
