using System.Text.Json.Nodes;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>What running a program left: how it ended, the artifacts it put, and its capability report.</summary>
public sealed record ProgramRun(VmResult Result, IReadOnlyList<JsonObject> Artifacts, CapabilityReport Capabilities);
