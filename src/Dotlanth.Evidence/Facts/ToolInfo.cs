using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Facts;

/// <summary>The tool that writes a bundle: its name, version and which build of it runs.</summary>
public static class ToolInfo
{
    public const string Name = "dotnet-evidence";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>"native" for the NativeAOT binary (no JIT: it cannot generate code), "portable" for the build the .NET runtime runs.</summary>
    public static string Build { get; } = RuntimeFeature.IsDynamicCodeSupported ? "portable" : "native";

    /// <summary>The <c>tool</c> object of bundle.json, env.json and run.start.</summary>
    public static JsonObject ToJson() => new() { ["name"] = Name, ["version"] = Version, ["build"] = Build };
}
