using System.Net.Sockets;
using System.Text;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Http;

/// <summary>Clients as they are: many at once, slow, gone before their answer, on one kept-alive connection.</summary>
public sealed class HttpClientBehaviourTests
{
    [Fact]
    public async Task Many_concurrent_requests_are_queued_and_each_gets_its_own_answer_in_one_ordered_trace()
    {
        using var repo = TempRepo.Create();
        repo.Write("routes.dasm", HttpServeTests.Example("routes.dasm"));
        using var served = ServedProgram.Start(repo.Path, "routes.dasm");
        using var client = new HttpClient();

        var answers = await Task.WhenAll(Enumerable.Range(1, 60).Select(i => client.GetStringAsync(served.At($"/users/{i}"))));
        await client.GetStringAsync(served.At("/stop"));
        var exit = served.WaitForExit();

        Assert.Equal(Enumerable.Range(1, 60).Select(i => $"user {i}"), answers);
        var bundle = BundleOnDisk.Of(exit, repo.Combine(".evidence"));
        var calls = bundle.Lines("trace.jsonl").Where(e => (string)e["type"]! == "syscall.result").ToList();
        // serve, respond, serve, respond...: each request is taken, answered, then the next; ids count up in that order.
        Assert.Equal(122, calls.Count);
        for (var i = 0; i < calls.Count; i += 2)
        {
            Assert.Equal("net.http.serve", (string)calls[i]["syscall"]!["name"]!);
            Assert.Equal("net.http.respond", (string)calls[i + 1]["syscall"]!["name"]!);
            Assert.Equal(i / 2 + 1, (int)calls[i]["result"]![1]!);
        }

        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public async Task Requests_on_one_kept_alive_connection_reach_the_program_in_the_order_they_were_sent()
    {
        using var repo = TempRepo.Create();
        repo.Write("routes.dasm", HttpServeTests.Example("routes.dasm"));
        using var served = ServedProgram.Start(repo.Path, "routes.dasm");
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", served.Port);
        var stream = socket.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);

        var bodies = new List<string>();
        foreach (var id in new[] { 5, 3, 9, 1 })
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /users/{id} HTTP/1.1\r\nHost: x\r\n\r\n"));
            bodies.Add(await ReadBody(reader));
        }

        socket.Close();
        await new HttpClient().GetStringAsync(served.At("/stop"));
        var exit = served.WaitForExit();

        Assert.Equal(["user 5", "user 3", "user 9", "user 1"], bodies);
        var paths = HttpServeTests.Syscalls(BundleOnDisk.Of(exit, repo.Combine(".evidence")), "syscall.result", "net.http.serve")
            .Select(r => (string)r["result"]![5]!).ToList();
        Assert.Equal(["/users/5", "/users/3", "/users/9", "/users/1", "/stop"], paths);
    }

    [Fact]
    public async Task A_slow_client_holds_up_nobody_and_a_client_gone_before_its_answer_does_not_stop_the_program()
    {
        using var repo = TempRepo.Create();
        repo.Write("routes.dasm", HttpServeTests.Example("routes.dasm"));
        using var served = ServedProgram.Start(repo.Path, "routes.dasm");

        // Half a request, then silence: it never reaches the program, which goes on serving others.
        using var slow = new TcpClient();
        await slow.ConnectAsync("127.0.0.1", served.Port);
        await slow.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /users/slow HTTP/1.1\r\nHost: x\r\n"));
        // A whole request whose client leaves at once.
        using (var gone = new TcpClient())
        {
            await gone.ConnectAsync("127.0.0.1", served.Port);
            await gone.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /users/gone HTTP/1.1\r\nHost: x\r\n\r\n"));
            gone.Client.Close(0);
        }

        // A client that drops the connection part way through its body.
        using (var cut = new TcpClient())
        {
            await cut.ConnectAsync("127.0.0.1", served.Port);
            await cut.GetStream().WriteAsync(Encoding.ASCII.GetBytes("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part"));
        }

        using var client = new HttpClient();
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.GetStringAsync(served.At($"/users/{i}")));
        }

        await client.GetStringAsync(served.At("/stop"));
        var exit = served.WaitForExit();

        Assert.Equal(["user 0", "user 1", "user 2"], answers);
        Assert.True(exit.ExitCode == 0, exit.Stderr);
        var bundle = BundleOnDisk.Of(exit, repo.Combine(".evidence"));
        var paths = HttpServeTests.Syscalls(bundle, "syscall.result", "net.http.serve").Select(r => (string)r["result"]![5]!).ToList();
        Assert.DoesNotContain("/users/slow", paths);
        Assert.DoesNotContain("/echo", paths);
        Assert.Equal("verified", bundle.Outcome);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public async Task Requests_the_program_never_answered_get_503_when_it_ends()
    {
        using var repo = TempRepo.Create();
        // Takes two requests, answers neither, and halts.
        repo.Write("rude.dasm", """
            .abi 1
            .cap net.http.serve "127.0.0.1:*"
                const r0, "127.0.0.1:0"
                syscall r1, net.http.serve, r0
                syscall r2, net.http.serve, r0
                halt
            """);
        using var served = ServedProgram.Start(repo.Path, "rude.dasm");
        using var client = new HttpClient();

        var first = client.GetAsync(served.At("/a"));
        var second = client.GetAsync(served.At("/b"));
        var answers = await Task.WhenAll(first, second);
        var exit = served.WaitForExit();

        Assert.All(answers, a => Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, a.StatusCode));
        Assert.Equal(0, exit.ExitCode);
    }

    private static async Task<string> ReadBody(StreamReader reader)
    {
        var length = 0;
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["content-length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new char[length];
        await reader.ReadBlockAsync(body);
        return new string(body);
    }
}
