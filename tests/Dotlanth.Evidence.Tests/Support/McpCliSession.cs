using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// <c>dotnet-evidence mcp</c> started as a real process and driven by the official C# SDK's client over stdio, the way
/// an agent's MCP client drives it.
/// </summary>
public sealed class McpCliSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _stderr;

    private McpCliSession(McpClient client, ConcurrentQueue<string> stderr) => (Client, _stderr) = (client, stderr);

    public McpClient Client { get; }

    public string Stderr => string.Join('\n', _stderr);

    public static async Task<McpCliSession> StartAsync(string cwd, IEnumerable<string> args, IDictionary<string, string?>? env = null)
    {
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "evidence",
            Command = EvidenceCli.Executable,
            Arguments = [.. EvidenceCli.Args(["mcp", .. args])],
            WorkingDirectory = cwd,
            EnvironmentVariables = env ?? new Dictionary<string, string?>(),
            StandardErrorLines = stderr.Enqueue,
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        });
        var client = await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "evidence-tests", Version = "1.2.3" },
        });
        return new McpCliSession(client, stderr);
    }

    public Task<CallToolResult> CallAsync(string tool, object? arguments = null) =>
        Client.CallToolAsync(tool, arguments is null ? null : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))).AsTask();

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public async ValueTask DisposeAsync() => await Client.DisposeAsync().ConfigureAwait(false);

    /// <summary>Waits until the store holds <paramref name="count"/> sealed bundles (a server seals when its client has gone).</summary>
    public static IReadOnlyList<BundleOnDisk> WaitForBundles(string storeRoot, int count = 1, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var all = BundleOnDisk.All(storeRoot);
            if (all.Count >= count)
            {
                return all;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"no {count} sealed bundle(s) in {storeRoot} after {seconds}s");
        return [];
    }
}
