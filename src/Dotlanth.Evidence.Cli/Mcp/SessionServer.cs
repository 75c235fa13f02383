using System.Text.Json;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Runs;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Dotlanth.Evidence.Cli.Mcp;

/// <summary>
/// Serves one agent session over an MCP transport until the client goes away or a signal comes; the session's run is
/// then sealed (if <c>finish</c> did not seal it already). Tool calls run off the message loop, so pings and
/// cancellations are still answered while a command runs.
/// </summary>
internal static class SessionServer
{
    private const string Instructions = """
        Every tool call of this server is recorded, checked against the session's capabilities and replayable: the
        session leaves one evidence bundle. Verify your work with run_check (checks declared in evidence.yml) or
        run_command with required: true; the bundle's outcome is decided by those checks, not by what you claim.
        Call finish when you are done. Secrets come back masked as [REDACTED:rule:tag]; never write them back.
        """;

    public static async Task<RunReport> ServeAsync(AgentSession session, IReadOnlyList<SessionTool> tools, ITransport transport, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(session);
        var byName = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        McpServer? server = null;
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "dotnet-evidence", Title = "Dotlanth.Evidence", Version = ToolInfo.Version },
            ServerInstructions = Instructions,
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability { ListChanged = false } },
            Handlers = new McpServerHandlers
            {
                // The client is recorded when it says it is initialized, so a session that makes no call still names it.
                NotificationHandlers =
                [
                    new(NotificationMethods.InitializedNotification, (_, _) =>
                    {
                        Identify(session, server!);
                        return ValueTask.CompletedTask;
                    }),
                ],
                ListToolsHandler = (request, _) =>
                {
                    Identify(session, request.Server);
                    return ValueTask.FromResult(new ListToolsResult { Tools = [.. tools.Select(t => t.Protocol)] });
                },
                CallToolHandler = async (request, cancellation) =>
                {
                    Identify(session, request.Server);
                    var name = request.Params?.Name ?? string.Empty;
                    if (!byName.TryGetValue(name, out var tool))
                    {
                        throw new McpProtocolException($"unknown tool '{name}'; the tools are {string.Join(", ", byName.Keys)}", McpErrorCode.InvalidParams);
                    }

                    // The client's cancellation stops the command the call started; the call is still recorded.
                    return await Task.Run(() => Call(session, tool, request.Params!.Arguments, cancellation), CancellationToken.None).ConfigureAwait(false);
                },
            },
        };
        server = McpServer.Create(transport, options);
        await using (server.ConfigureAwait(false))
        {
            try
            {
                await server.RunAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // A signal: the session is sealed below as cancelled.
            }

            // Whatever the order the last messages were handled in, a client that initialized is named.
            Identify(session, server);
        }

        return session.Finish(stop.IsCancellationRequested ? "signal" : "disconnect");
    }

    private static CallToolResult Call(AgentSession session, SessionTool tool, IDictionary<string, JsonElement>? arguments, CancellationToken withdrawn)
    {
        ToolArguments parsed;
        try
        {
            parsed = new ToolArguments(tool.Name, arguments, tool.Parameters);
            if (tool.Build is null)
            {
                return Finish(session, parsed);
            }

            var request = tool.Build(parsed);
            return ToolAnswers.Of(session, request, session.Call(tool.Name, request.Syscall, request.Args, request.Audit, withdrawn));
        }
        catch (ToolArgumentException bad)
        {
            session.Rejected(tool.Name, ToolArguments.AuditOf(arguments), bad.Message);
            return ToolAnswers.Error(Codes.InvalidOption, $"{tool.Name}: {bad.Message}");
        }
        catch (EvidenceException ended)
        {
            return ToolAnswers.Error(ended.Error.Code, ended.Error.Message, ended.Error.Hint);
        }
    }

    private static CallToolResult Finish(AgentSession session, ToolArguments arguments)
    {
        if (session.Ended)
        {
            return ToolAnswers.Error(Codes.SessionEnded, $"the session has already ended (run {session.RunId} is sealed)");
        }

        var claim = arguments.OptionalString("claim");
        if (claim is not null && !SessionTools.Claims.Contains(claim))
        {
            throw new ToolArgumentException($"'claim' must be one of {string.Join(", ", SessionTools.Claims)}");
        }

        var report = session.Finish("finish", claim, arguments.OptionalString("summary"));
        return ToolAnswers.Ok(
            $"session sealed: run {report.RunId}, outcome {report.Outcome.ToWire()} (decided by the checks; your claim is recorded beside it)",
            new System.Text.Json.Nodes.JsonObject { ["run_id"] = report.RunId, ["outcome"] = report.Outcome.ToWire(), ["bundle"] = report.BundlePath });
    }

    /// <summary>The client's name and version, once initialize has given them.</summary>
    private static void Identify(AgentSession session, McpServer server)
    {
        if (server.ClientInfo is { } client)
        {
            session.Connected(client.Name, client.Version, server.NegotiatedProtocolVersion);
        }
    }
}
