using System.Globalization;
using System.Text;

namespace Dotlanth.Evidence.Http;

/// <summary>One request waiting for its answer, and the connection the answer goes back on.</summary>
public sealed class HttpExchange
{
    private readonly Stream _connection;
    private readonly TaskCompletionSource<bool> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;

    internal HttpExchange(HttpRequest request, Stream connection)
    {
        Request = request;
        _connection = connection;
    }

    public HttpRequest Request { get; }

    public bool IsAnswered => Volatile.Read(ref _claimed) == 1;

    /// <summary>Completes once the answer went out (true: the connection may carry the next request).</summary>
    internal Task<bool> Answered => _answered.Task;

    /// <summary>
    /// Writes the answer. True when all of it was written to the connection; false when the client had closed it or
    /// did not take it within <see cref="HttpLimits.WriteTimeout"/>. TCP cannot tell whether a client read it.
    /// </summary>
    public bool Respond(int status, ReadOnlySpan<byte> body, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Interlocked.Exchange(ref _claimed, 1) == 1)
        {
            throw new InvalidOperationException("the request was already answered");
        }

        var keepAlive = Request.KeepAlive;
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {HttpStatus.Reason(status)}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        if (HttpStatus.HasBody(status))
        {
            head.Append(CultureInfo.InvariantCulture, $"content-length: {body.Length}\r\n");
        }

        head.Append(keepAlive ? "connection: keep-alive\r\n\r\n" : "connection: close\r\n\r\n");
        var bytes = new List<byte>(Encoding.Latin1.GetBytes(head.ToString()));
        if (HttpStatus.HasBody(status) && Request.Method != "HEAD")
        {
            bytes.AddRange(body);
        }

        var written = Write([.. bytes]);
        _answered.TrySetResult(written && keepAlive);
        return written;
    }

    /// <summary>The program will never answer (it ended, or the server stops): the client gets 503 instead of a hang.</summary>
    internal void Abandon()
    {
        if (Volatile.Read(ref _claimed) == 0)
        {
            Respond(503, "the program stopped before it answered this request\n"u8, [new("content-type", "text/plain; charset=utf-8")]);
        }
    }

    private bool Write(byte[] bytes)
    {
        try
        {
            using var timeout = new CancellationTokenSource(HttpLimits.WriteTimeout);
            _connection.WriteAsync(bytes, timeout.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
