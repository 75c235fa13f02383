using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Facts;

/// <summary>env.json: the machine, runtime, tool and CI a run happened on, and its environment with secrets masked.</summary>
public static class EnvironmentFacts
{
    public static JsonObject Build(IReadOnlyDictionary<string, string> env, Redactor redactor, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(redactor);
        var variables = new JsonObject();
        var namesOnly = new JsonArray();
        foreach (var (name, value) in env.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (redactor.RecordsValueOf(name))
            {
                variables[name] = value;
            }
            else
            {
                namesOnly.Add((JsonNode)name);
            }
        }

        return new JsonObject
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
            ["os"] = new JsonObject
            {
                ["platform"] = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "windows" : "other",
                ["description"] = RuntimeInformation.OSDescription,
                ["architecture"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            },
            ["runtime"] = new JsonObject
            {
                ["framework"] = RuntimeInformation.FrameworkDescription,
                ["version"] = Environment.Version.ToString(),
                ["rid"] = RuntimeInformation.RuntimeIdentifier,
            },
            ["tool"] = new JsonObject { ["name"] = ToolInfo.Name, ["version"] = toolVersion, ["build"] = ToolInfo.Build },
            ["host"] = new JsonObject
            {
                ["machine_name"] = Environment.MachineName,
                ["processor_count"] = Environment.ProcessorCount,
                ["user"] = Environment.UserName,
            },
            ["ci"] = CiFacts.Detect(env),
            ["variables"] = variables,
            ["variables_names_only"] = namesOnly,
        };
    }
}
