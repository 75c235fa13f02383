namespace Dotlanth.Evidence.Tests.Support;

/// <summary>Runs the real dotnet-evidence CLI as a child process, the way users do.</summary>
public static class EvidenceCli
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "dotnet-evidence.dll");

    public static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static IEnumerable<string> Args(IEnumerable<string> args) => [DllPath, .. args];

    public static ProcessResult Run(string cwd, IEnumerable<string> args, IDictionary<string, string?>? env = null, string? stdin = null, int timeoutSeconds = 120) =>
        Processes.Run(DotnetHost, Args(args), cwd, env, stdin, timeoutSeconds);

    public static ProcessResult Run(string cwd, params string[] args) => Run(cwd, (IEnumerable<string>)args);
}
