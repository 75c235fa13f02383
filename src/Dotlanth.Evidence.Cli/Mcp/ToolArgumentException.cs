namespace Dotlanth.Evidence.Cli.Mcp;

/// <summary>A tool call whose arguments are not what the tool takes: answered as a tool error, nothing is run.</summary>
internal sealed class ToolArgumentException(string message) : Exception(message);
