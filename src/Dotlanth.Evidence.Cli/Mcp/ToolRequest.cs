using System.Text.Json.Nodes;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Cli.Mcp;

/// <summary>A tool call turned into its syscall: the syscall, its argument values, and the arguments as tool_calls.json keeps them.</summary>
internal sealed record ToolRequest(SyscallInfo Syscall, Value[] Args, JsonObject Audit);
