using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Host;

namespace Dotlanth.Evidence.Replay;

/// <summary>How a replay went: identical (every syscall answered, the same ending), or the first divergence.</summary>
public sealed record ReplayResult(string RunId, int Programs, int Syscalls, ReplayDivergence? Divergence)
{
    public bool Identical => Divergence is null;

    public JsonObject ToJson() => new()
    {
        [BundleFields.RunId] = RunId,
        ["identical"] = Identical,
        ["programs"] = Programs,
        ["syscalls"] = Syscalls,
        ["divergence"] = Divergence?.ToJson(),
    };
}
