using System.Net.Sockets;
using System.Text;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Http;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>
/// net.http.serve and net.http.respond for the live host: one server per address, bound on first use and kept
/// until the program ends; requests are numbered in the order the program takes them, and each is answered once.
/// </summary>
public sealed class HttpEndpoints(TextWriter messages, Interrupt? interrupt, TimeBudget budget) : IDisposable
{
    private static readonly string[] FramingHeaders = ["content-length", "transfer-encoding", "connection"];

    private readonly Dictionary<string, HttpServer> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HttpExchange> _waiting = [];
    private long _lastId;

    public Value Serve(string addressText)
    {
        var address = HttpAddress.Parse(addressText, out var problem)
            ?? throw new VmFaultException(Codes.ProgramInvalid, "net.http.serve: " + problem, "give an address such as 127.0.0.1:8080");
        if (!_servers.TryGetValue(address.Canonical, out var server))
        {
            try
            {
                server = HttpServer.Start(address);
            }
            catch (SocketException ex)
            {
                throw new VmFaultException(Codes.AddressUnavailable, $"net.http.serve: {address.Canonical} cannot be bound: {ex.Message}", "choose another port (port 0 picks a free one) or stop what listens there");
            }

            _servers[address.Canonical] = server;
            messages.WriteLine($"evidence: net.http.serve: listening on http://{Shown(server.Bound)}/");
        }

        HttpExchange? exchange;
        try
        {
            exchange = server.Next(budget.Left("net.http.serve waited for a request"), interrupt?.Token ?? CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            throw new VmFaultException(Codes.RunCancelled, $"the run was interrupted (signal {interrupt?.Signal}) while net.http.serve waited for a request");
        }

        if (exchange is null)
        {
            throw budget.ExceededWhile("net.http.serve waited for a request");
        }

        var id = ++_lastId;
        _waiting[id] = exchange;
        return Describe(id, exchange.Request);
    }

    public Value Respond(Value request, long status, Value body, Value headers)
    {
        var id = request.Kind == ValueKind.Int ? request.AsInt : IdOf(request);
        if (!_waiting.Remove(id, out var exchange))
        {
            throw new VmFaultException(Codes.ProgramInvalid, $"net.http.respond: request {id} is not waiting for an answer (it was answered already, or never served)");
        }

        if (!HttpStatus.IsValid(status))
        {
            _waiting[id] = exchange;
            throw new VmFaultException(Codes.ProgramInvalid, $"net.http.respond: {status} is not a final status; answer with 200 to 599");
        }

        var bytes = body.Kind switch
        {
            ValueKind.Unit => [],
            ValueKind.Bytes => body.AsBytes.ToArray(),
            _ => Encoding.UTF8.GetBytes(body.AsString),
        };
        var fields = Headers(headers, id, exchange);
        if (bytes.Length > 0 && !fields.Any(h => h.Key == "content-type"))
        {
            fields.Add(new("content-type", body.Kind == ValueKind.Bytes ? "application/octet-stream" : "text/plain; charset=utf-8"));
        }

        return Value.Of(exchange.Respond((int)status, bytes, fields));
    }

    /// <summary>Every request still waiting gets 503, and every address is released.</summary>
    public void Dispose()
    {
        foreach (var server in _servers.Values)
        {
            server.Dispose();
        }

        _servers.Clear();
        _waiting.Clear();
    }

    private List<KeyValuePair<string, string>> Headers(Value headers, long id, HttpExchange exchange)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (headers.Kind == ValueKind.Unit)
        {
            return fields;
        }

        var items = headers.AsList;
        string? problem = items.Length % 2 != 0 ? "headers are a list of name, value pairs" : null;
        for (var i = 0; problem is null && i < items.Length; i += 2)
        {
            var name = items[i].AsString.ToLowerInvariant();
            var value = items[i + 1].AsString;
            problem = name.Length == 0 || name.Any(c => c <= ' ' || c >= 0x7f || c == ':') ? $"'{name}' is not a header name"
                : value.Any(c => c is '\r' or '\n' or '\0') ? $"the value of '{name}' holds a line break"
                : FramingHeaders.Contains(name) ? $"'{name}' is set by the server"
                : null;
            fields.Add(new(name, value));
        }

        if (problem is not null)
        {
            _waiting[id] = exchange;
            throw new VmFaultException(Codes.ProgramInvalid, "net.http.respond: " + problem);
        }

        return fields;
    }

    private static long IdOf(Value request)
    {
        var items = request.AsList;
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            if (items[i] == Value.Of("id"))
            {
                return items[i + 1].AsInt;
            }
        }

        throw new VmFaultException(Codes.ProgramInvalid, "net.http.respond: the request has no id; pass what net.http.serve returned");
    }

    private static Value Describe(long id, HttpRequest request)
    {
        string? text = null;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(request.Body);
        }
        catch (DecoderFallbackException)
        {
            // Not text: the program gets the bytes.
        }

        return Value.List(
            Value.Of("id"), Value.Of(id),
            Value.Of("method"), Value.Of(request.Method),
            Value.Of("path"), Value.Of(request.Path),
            Value.Of("query"), Value.Of(request.Query),
            Value.Of("headers"), Value.Of([.. request.Headers.SelectMany(h => new[] { Value.Of(h.Key), Value.Of(h.Value) })]),
            Value.Of("body"), text is not null ? Value.Of(text) : Value.Of(request.Body));
    }

    private static string Shown(System.Net.IPEndPoint endpoint) => endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : endpoint.ToString();
}
