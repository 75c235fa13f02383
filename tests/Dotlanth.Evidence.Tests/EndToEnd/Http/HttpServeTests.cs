using System.Net;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Http;

/// <summary>The shipped examples served by the real CLI, asked by real clients (curl, HttpClient, raw sockets).</summary>
public sealed class HttpServeTests
{
    /// <summary>An example as shipped, listening on a free port instead of 8080 (capability and address alike).</summary>
    internal static string Example(string name) =>
        File.ReadAllText(Path.Combine(SchemaValidator.RepoRoot, "examples", name)).Replace("127.0.0.1:8080", "127.0.0.1:0", StringComparison.Ordinal);

    internal static IEnumerable<JsonObject> Syscalls(BundleOnDisk bundle, string type, string name) =>
        bundle.Lines("trace.jsonl").Where(e => (string)e["type"]! == type && (string)e["syscall"]!["name"]! == name);

    [Fact]
    public void The_seed_program_answers_curl_and_its_run_replays_without_a_socket()
    {
        using var repo = TempRepo.Create();
        repo.Write("hello-api.dasm", Example("hello-api.dasm"));
        using var served = ServedProgram.Start(repo.Path, "hello-api.dasm");

        var curl = Processes.Run("curl", ["-sS", "-i", served.At("/greeting?lang=en").ToString()], repo.Path);
        var exit = served.WaitForExit();

        Assert.Equal(0, curl.ExitCode);
        Assert.StartsWith("HTTP/1.1 200 OK", curl.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nHello from Dotlanth", curl.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, exit.ExitCode);
        var bundle = BundleOnDisk.Of(exit, repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        var request = Syscalls(bundle, "syscall.result", "net.http.serve").Single()["result"]!.AsArray();
        Assert.Equal(["id", "1", "method", "GET", "path", "/greeting", "query", "lang=en"], request.Take(8).Select(v => v!.ToString()));
        var respond = Syscalls(bundle, "syscall.attempt", "net.http.respond").Single()["args"]!.AsArray();
        Assert.Equal(200, (int)respond[1]!);
        Assert.Equal("Hello from Dotlanth", (string)respond[2]!);
        Assert.Equal(1, (int)bundle.Json("capability_report.json")["declared"]![0]!["uses"]!);
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);

        // Replay answers the request from the recording: nothing listens on the port any more, and nothing needs to.
        var replay = EvidenceCli.Run(repo.Path, "replay", "last");
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("replay identical", replay.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", replay.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_routing_example_answers_each_route_and_an_edited_program_diverges_at_the_exact_seq()
    {
        using var repo = TempRepo.Create();
        repo.Write("routes.dasm", Example("routes.dasm"));
        using var served = ServedProgram.Start(repo.Path, "routes.dasm");
        using var client = new HttpClient();

        var root = await client.GetAsync(served.At("/"));
        var hello = await client.GetStringAsync(served.At("/hello?name=Ada"));
        var world = await client.GetStringAsync(served.At("/hello"));
        var echo = await client.PostAsync(served.At("/echo"), new StringContent("some text"));
        var wrongMethod = await client.GetAsync(served.At("/echo"));
        var user = await client.GetStringAsync(served.At("/users/42"));
        var bare = await client.GetAsync(served.At("/users/"));
        var missing = await client.GetAsync(served.At("/nope"));
        var stop = await client.GetStringAsync(served.At("/stop"));
        var exit = served.WaitForExit();

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("Hello from Dotlanth", await root.Content.ReadAsStringAsync());
        Assert.Equal("Hello, Ada", hello);
        Assert.Equal("Hello, world", world);
        Assert.Equal("some text", await echo.Content.ReadAsStringAsync());
        Assert.Equal("dotvm", echo.Headers.GetValues("x-served-by").Single());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("POST", wrongMethod.Content.Headers.Allow.Single());
        Assert.Equal("user 42", user);
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not found\n", await missing.Content.ReadAsStringAsync());
        Assert.Equal("bye\n", stop);
        Assert.Equal(0, exit.ExitCode);
        var bundle = BundleOnDisk.Of(exit, repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal(9, Syscalls(bundle, "syscall.result", "net.http.respond").Count(r => (bool)r["result"]!));
        SchemaValidator.AssertValid(bundle.Path);

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "replay", "last").ExitCode);
        // The greeting changes: replay stops at the answer to /hello?name=Ada, the second response.
        repo.Write("edited.dasm", Example("routes.dasm").Replace("\"Hello, \"", "\"Hi, \"", StringComparison.Ordinal));
        var helloSeq = (long)Syscalls(bundle, "syscall.attempt", "net.http.respond").ElementAt(1)["seq"]!;
        var edited = EvidenceCli.Run(repo.Path, "replay", "last", "--program", "edited.dasm");
        Assert.Equal(3, edited.ExitCode);
        Assert.Contains($"diverged at seq {helloSeq}: net.http.respond was called with other arguments", edited.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"Hi, Ada\"", edited.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"Hello, Ada\"", edited.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Serving_beyond_loopback_under_a_wildcard_is_denied_and_nothing_listens()
    {
        using var repo = TempRepo.Create();
        repo.Write("wide.dasm", """
            .abi 1
            .cap net.http.serve "*:*"
                const r0, "0.0.0.0:0"
                syscall r1, net.http.serve, r0
                halt
            """);

        var run = EvidenceCli.Run(repo.Path, "exec", "wide.dasm");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error EVD0310: net.http.serve \"0.0.0.0:0\" is not allowed by the program's capabilities; add '.cap net.http.serve \"0.0.0.0:0\"'", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", run.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(run, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Equal("0.0.0.0:0", (string)bundle.Json("capability_report.json")["denied"]![0]!["subject"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void An_address_in_use_faults_with_its_own_code()
    {
        using var repo = TempRepo.Create();
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        repo.Write("busy.dasm", $$"""
            .abi 1
            .cap net.http.serve "127.0.0.1:*"
                const r0, "127.0.0.1:{{port}}"
                syscall r1, net.http.serve, r0
                halt
            """);

        var run = EvidenceCli.Run(repo.Path, "exec", "busy.dasm");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error EVD0318: net.http.serve: 127.0.0.1:{port} cannot be bound", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("blocked", BundleOnDisk.Of(run, repo.Combine(".evidence")).Outcome);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void A_signal_while_serving_seals_a_cancelled_bundle_that_replays(string signal, int expectedExit)
    {
        using var repo = TempRepo.Create();
        repo.Write("routes.dasm", Example("routes.dasm"));
        using var served = ServedProgram.Start(repo.Path, "routes.dasm");
        Assert.Equal(0, Processes.Run("curl", ["-sS", "-f", served.At("/users/7").ToString()], repo.Path).ExitCode);

        served.Signal(signal);
        var exit = served.WaitForExit();

        Assert.Equal(expectedExit, exit.ExitCode);
        Assert.Contains("error EVD0104: the run was interrupted", exit.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(exit, repo.Combine(".evidence"));
        Assert.Equal("cancelled", bundle.Outcome);
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "replay", "last").ExitCode);
    }

    [Fact]
    public void Credential_headers_reach_the_program_but_not_the_trace()
    {
        using var repo = TempRepo.Create();
        // The program answers 200 only when the cookie is the right one, so it must have seen the real value.
        repo.Write("auth.dasm", """
            .abi 1
            .cap net.http.serve "127.0.0.1:*"
                const r0, "127.0.0.1:0"
                syscall r1, net.http.serve, r0
                const r2, "headers"
                get r3, r1, r2
                const r4, "cookie"
                get r5, r3, r4
                const r6, "session=opensesame42"
                eq r7, r5, r6
                const r8, 403
                jz r7, answer
                const r8, 200
            answer:
                const r9, ["set-cookie", "session=rotated-token-77"]
                const r10, "checked"
                syscall r11, net.http.respond, r1, r8, r10, r9
                halt
            """);
        using var served = ServedProgram.Start(repo.Path, "auth.dasm");

        var curl = Processes.Run("curl", ["-sS", "-i", "-H", "Cookie: session=opensesame42", "-H", "X-Api-Key: k3y-0123456789", served.At("/").ToString()], repo.Path);
        var exit = served.WaitForExit();

        Assert.StartsWith("HTTP/1.1 200 OK", curl.Stdout, StringComparison.Ordinal);
        Assert.Contains("set-cookie: session=rotated-token-77", curl.Stdout, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(exit, repo.Combine(".evidence"));
        var trace = bundle.Text("trace.jsonl");
        Assert.DoesNotContain("opensesame42", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y-0123456789", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("rotated-token-77", trace, StringComparison.Ordinal);
        Assert.Contains("\"cookie\",\"[REDACTED:secret-pair:", trace, StringComparison.Ordinal);
        Assert.Contains("\"set-cookie\",\"[REDACTED:secret-pair:", trace, StringComparison.Ordinal);

        // Replay hands the program the mask, not the cookie: it answers 403 and diverges there, which is the truth.
        var replay = EvidenceCli.Run(repo.Path, "replay", "last");
        Assert.Equal(3, replay.ExitCode);
        Assert.Contains("net.http.respond was called with other arguments", replay.Stderr, StringComparison.Ordinal);
    }
}
