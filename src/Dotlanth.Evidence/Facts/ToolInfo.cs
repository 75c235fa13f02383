using System.Reflection;

namespace Dotlanth.Evidence.Facts;

public static class ToolInfo
{
    public const string Name = "dotnet-evidence";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
