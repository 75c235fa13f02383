using System.Net.Sockets;
using System.Text;
using Dotlanth.Evidence.Http;

namespace Dotlanth.Evidence.Tests.Core.Http;

/// <summary>The server on a real loopback socket, spoken to with raw bytes so every framing case is exact.</summary>
public sealed class HttpServerTests : IDisposable
{
    private readonly HttpServer _server = HttpServer.Start(HttpAddress.Parse("127.0.0.1:0", out _)!);

    public void Dispose() => _server.Dispose();

    private async Task<string> Exchange(string raw, Func<HttpExchange, bool>? answer = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_server.Bound);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(raw));
        if (answer is not null)
        {
            var exchange = await Task.Run(() => _server.Next(TimeSpan.FromSeconds(20), CancellationToken.None));
            Assert.NotNull(exchange);
            answer(exchange);
        }

        client.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadToEndAsync();
    }

    private static bool Ok(HttpExchange exchange, string body) => exchange.Respond(200, Encoding.UTF8.GetBytes(body), []);

    [Fact]
    public async Task A_content_length_body_reaches_the_program_whole()
    {
        HttpRequest? seen = null;
        var response = await Exchange("POST /items?x=1&y=2 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nX-Trace: a b \r\n\r\nhello", e =>
        {
            seen = e.Request;
            return Ok(e, "made");
        });

        Assert.Equal(("POST", "/items", "x=1&y=2"), (seen!.Method, seen.Path, seen.Query));
        Assert.Equal("hello", Encoding.UTF8.GetString(seen.Body));
        Assert.Contains(new KeyValuePair<string, string>("x-trace", "a b"), seen.Headers);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("content-length: 4\r\nconnection: keep-alive\r\n\r\nmade", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_is_assembled_and_its_trailers_dropped()
    {
        HttpRequest? seen = null;
        await Exchange("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-After: 1\r\n\r\n", e =>
        {
            seen = e.Request;
            return Ok(e, "ok");
        });

        Assert.Equal("hello world", Encoding.UTF8.GetString(seen!.Body));
        Assert.DoesNotContain(seen.Headers, h => h.Key == "x-after");
    }

    [Fact]
    public async Task A_client_that_expects_100_continue_is_told_to_send_its_body()
    {
        var response = await Exchange("PUT /f HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi", e => Ok(e, "stored"));

        Assert.StartsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n", "400 Bad Request", "needs a Host header")]
    [InlineData("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "400 Bad Request", "both Transfer-Encoding and Content-Length")]
    [InlineData("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", "400 Bad Request", "Content-Length is not one number")]
    [InlineData("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999\r\n\r\n", "413 Content Too Large", "at most 1048576 are accepted")]
    [InlineData("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", "501 Not Implemented", "only chunked is")]
    [InlineData("GET / HTTP/2.0\r\nHost: h\r\n\r\n", "505 HTTP Version Not Supported", "unsupported protocol")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n", "400 Bad Request", "folded header lines")]
    [InlineData("GET relative HTTP/1.1\r\nHost: h\r\n\r\n", "400 Bad Request", "not a path")]
    public async Task A_request_the_server_cannot_frame_is_refused_by_the_server_and_never_queued(string raw, string status, string why)
    {
        var response = await Exchange(raw);

        Assert.StartsWith($"HTTP/1.1 {status}\r\n", response, StringComparison.Ordinal);
        Assert.Contains(why, response, StringComparison.Ordinal);
        Assert.Contains("connection: close", response, StringComparison.Ordinal);
        Assert.Null(_server.Next(TimeSpan.FromMilliseconds(200), CancellationToken.None));
    }

    [Fact]
    public async Task Headers_past_the_limit_are_refused_with_431()
    {
        var many = string.Concat(Enumerable.Range(0, HttpLimits.MaxHeaders + 1).Select(i => $"X-H{i}: v\r\n"));

        var response = await Exchange($"GET / HTTP/1.1\r\nHost: h\r\n{many}\r\n");

        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_request_gets_the_length_but_no_body_and_204_gets_neither()
    {
        var head = await Exchange("HEAD / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", e => Ok(e, "twelve bytes"));
        var empty = await Exchange("DELETE /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", e => e.Respond(204, "ignored"u8, []));

        Assert.EndsWith("content-length: 12\r\nconnection: close\r\n\r\n", head, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 204 No Content\r\n", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("content-length", empty, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http10_request_is_answered_and_closed()
    {
        var response = await Exchange("GET / HTTP/1.0\r\n\r\n", e => Ok(e, "old"));

        Assert.EndsWith("connection: close\r\n\r\nold", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_server_answers_every_waiting_request_with_503()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_server.Bound);
        await client.GetStream().WriteAsync("GET /never HTTP/1.1\r\nHost: h\r\n\r\n"u8.ToArray());
        var taken = await Task.Run(() => _server.Next(TimeSpan.FromSeconds(20), CancellationToken.None));

        _server.Dispose();
        using var reader = new StreamReader(client.GetStream(), Encoding.Latin1);
        var response = await reader.ReadToEndAsync();

        Assert.Equal("/never", taken!.Request.Path);
        Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", response, StringComparison.Ordinal);
        Assert.Contains("the program stopped before it answered this request", response, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiting_is_cancelled_by_the_interrupt_and_bounded_by_the_timeout()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _server.Next(TimeSpan.FromSeconds(20), cancelled.Token));
        Assert.Null(_server.Next(TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080", true)]
    [InlineData("localhost:0", "127.0.0.1:0", true)]
    [InlineData("[::1]:443", "[::1]:443", true)]
    [InlineData("0.0.0.0:80", "0.0.0.0:80", false)]
    public void Addresses_have_one_canonical_spelling(string text, string canonical, bool loopback)
    {
        var address = HttpAddress.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(canonical, address!.Canonical);
        Assert.Equal(loopback, address.IsLoopback);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("example.com:80")]
    [InlineData("0127.0.0.1:80")]
    [InlineData("::1:80")]
    public void Text_that_is_not_an_address_is_refused(string text)
    {
        Assert.Null(HttpAddress.Parse(text, out var problem));
        Assert.NotNull(problem);
    }
}
