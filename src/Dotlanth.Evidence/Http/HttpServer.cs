using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Dotlanth.Evidence.Http;

/// <summary>
/// A small HTTP/1.1 server for a program: connections are accepted and read in the background, and each whole
/// request waits in one queue, in the order it arrived, until the program takes it (<see cref="Next"/>). Requests
/// are answered one at a time by the program, so the program sees them in order and records them in order.
/// </summary>
public sealed class HttpServer : IDisposable
{
    private readonly Socket _listener;
    private readonly Channel<HttpExchange> _queue = Channel.CreateBounded<HttpExchange>(new BoundedChannelOptions(HttpLimits.MaxQueued) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly ConcurrentDictionary<HttpExchange, byte> _unanswered = new();
    private readonly Task _accepting;
    private volatile bool _closing;
    private int _disposed;

    private HttpServer(Socket listener)
    {
        _listener = listener;
        Bound = (IPEndPoint)listener.LocalEndPoint!;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Where it listens; the port the system chose when the address asked for port 0.</summary>
    public IPEndPoint Bound { get; }

    /// <exception cref="SocketException">The address cannot be bound (in use, not this machine's, not permitted).</exception>
    public static HttpServer Start(HttpAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var listener = new Socket(address.Ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address.Ip, address.Port));
            listener.Listen(512);
            return new HttpServer(listener);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>The next whole request; null when <paramref name="timeout"/> passed first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was raised while waiting.</exception>
    public HttpExchange? Next(TimeSpan? timeout, CancellationToken cancel)
    {
        using var limit = timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancel, limit.Token);
        try
        {
            return _queue.Reader.ReadAsync(either.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Stops accepting; every request the program did not answer, queued or taken, gets 503; connections close.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // The answers go out before the connections are stopped, so each waiting client gets its 503.
        _closing = true;
        _listener.Dispose();
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var queued))
        {
            queued.Abandon();
        }

        foreach (var exchange in _unanswered.Keys)
        {
            exchange.Abandon();
        }

        _stop.Cancel();
        foreach (var socket in _connections.Keys)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed by its own connection.
            }
        }

        Task.WaitAll([.. _connections.Values.Append(_accepting)], TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_closing)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_closing)
                {
                    return;
                }

                // A connection that failed while it was accepted (reset by its client) costs nothing else.
                continue;
            }

            client.NoDelay = true;
            _connections[client] = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            var reader = new HttpRequestReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                HttpRequest? request;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    timeout.CancelAfter(HttpLimits.RequestTimeout);
                    try
                    {
                        request = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        // A client that opened a connection and sent nothing more is simply closed.
                        return;
                    }
                    catch (HttpProblemException problem)
                    {
                        await RefuseAsync(stream, problem).ConfigureAwait(false);
                        return;
                    }
                }

                if (request is null)
                {
                    return;
                }

                var exchange = new HttpExchange(request, stream);
                _unanswered[exchange] = 0;
                await _queue.Writer.WriteAsync(exchange, _stop.Token).ConfigureAwait(false);
                var reuse = await exchange.Answered.WaitAsync(_stop.Token).ConfigureAwait(false);
                _unanswered.TryRemove(exchange, out _);
                if (!reuse)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or ChannelClosedException)
        {
            // The client went away or the server stops: nothing to answer.
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(client, out _);
        }
    }

    private static async Task RefuseAsync(Stream stream, HttpProblemException problem)
    {
        var body = Encoding.UTF8.GetBytes(problem.Message + "\n");
        var head = $"HTTP/1.1 {problem.Status} {HttpStatus.Reason(problem.Status)}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {body.Length}\r\nconnection: close\r\n\r\n";
        using var timeout = new CancellationTokenSource(HttpLimits.WriteTimeout);
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head), timeout.Token).ConfigureAwait(false);
        await stream.WriteAsync(body, timeout.Token).ConfigureAwait(false);
    }
}
