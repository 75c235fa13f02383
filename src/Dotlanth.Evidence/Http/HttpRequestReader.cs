using System.Globalization;
using System.Text;

namespace Dotlanth.Evidence.Http;

/// <summary>
/// Reads HTTP/1.x requests off one connection, one after another: request line, headers, then a body framed by
/// Content-Length or chunked transfer coding. Everything is bounded (<see cref="HttpLimits"/>), and a request that is
/// ambiguous about where it ends (both framings, differing lengths) is refused rather than guessed.
/// </summary>
internal sealed class HttpRequestReader(Stream stream)
{
    private static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next request, or null when the client closed the connection between requests.</summary>
    /// <exception cref="HttpProblemException">The request is malformed or over a limit.</exception>
    public async Task<HttpRequest?> ReadAsync(CancellationToken cancel)
    {
        var line = await ReadLineAsync(HttpLimits.MaxRequestLine, 414, "the request line", allowEof: true, cancel).ConfigureAwait(false);
        while (line is { Length: 0 })
        {
            // RFC 9112 2.2: empty lines before a request line are ignored.
            line = await ReadLineAsync(HttpLimits.MaxRequestLine, 414, "the request line", allowEof: true, cancel).ConfigureAwait(false);
        }

        if (line is null)
        {
            return null;
        }

        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[0].All(IsTokenChar))
        {
            throw new HttpProblemException(400, "the request line is not 'METHOD target HTTP/1.1'");
        }

        if (parts[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            throw new HttpProblemException(parts[2].StartsWith("HTTP/", StringComparison.Ordinal) ? 505 : 400, $"unsupported protocol '{parts[2]}'");
        }

        var (path, query) = Target(parts[1]);
        var headers = await ReadHeadersAsync(cancel).ConfigureAwait(false);
        var http11 = parts[2] == "HTTP/1.1";
        if (http11 && !headers.Any(h => h.Key == "host"))
        {
            throw new HttpProblemException(400, "an HTTP/1.1 request needs a Host header");
        }

        var connection = string.Join(',', headers.Where(h => h.Key == "connection").Select(h => h.Value)).ToLowerInvariant();
        var keepAlive = http11 ? !connection.Contains("close", StringComparison.Ordinal) : connection.Contains("keep-alive", StringComparison.Ordinal);
        var body = await ReadBodyAsync(headers, cancel).ConfigureAwait(false);
        return new HttpRequest(parts[0], path, query, headers, body, keepAlive);
    }

    private static (string Path, string Query) Target(string target)
    {
        if (target == "*")
        {
            return ("*", string.Empty);
        }

        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Absolute form (RFC 9112 3.2.2): the path is what routes.
            var afterScheme = target.IndexOf("//", StringComparison.Ordinal) + 2;
            var slash = target.IndexOf('/', afterScheme);
            target = slash < 0 ? "/" : target[slash..];
        }

        if (!target.StartsWith('/') || target.Any(c => c <= ' ' || c >= 0x7f))
        {
            throw new HttpProblemException(400, "the request target is not a path");
        }

        var question = target.IndexOf('?');
        return question < 0 ? (target, string.Empty) : (target[..question], target[(question + 1)..]);
    }

    private async Task<List<KeyValuePair<string, string>>> ReadHeadersAsync(CancellationToken cancel)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var total = 0;
        while (true)
        {
            var line = await ReadLineAsync(HttpLimits.MaxHeaderBytes - total, 431, "the headers", allowEof: false, cancel).ConfigureAwait(false);
            if (line!.Length == 0)
            {
                return headers;
            }

            total += line.Length + 2;
            if (headers.Count == HttpLimits.MaxHeaders)
            {
                throw new HttpProblemException(431, $"more than {HttpLimits.MaxHeaders} headers");
            }

            if (line[0] is ' ' or '\t')
            {
                throw new HttpProblemException(400, "folded header lines are not accepted");
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || !line.AsSpan(0, colon).ToString().All(IsTokenChar))
            {
                throw new HttpProblemException(400, "a header line is not 'name: value'");
            }

            headers.Add(new(line[..colon].ToLowerInvariant(), line[(colon + 1)..].Trim(' ', '\t')));
        }
    }

    private async Task<byte[]> ReadBodyAsync(List<KeyValuePair<string, string>> headers, CancellationToken cancel)
    {
        var encodings = headers.Where(h => h.Key == "transfer-encoding").Select(h => h.Value).ToList();
        var lengths = headers.Where(h => h.Key == "content-length").SelectMany(h => h.Value.Split(',')).Select(v => v.Trim()).Distinct().ToList();
        if (encodings.Count > 0 && lengths.Count > 0)
        {
            throw new HttpProblemException(400, "a request may not have both Transfer-Encoding and Content-Length");
        }

        if (encodings.Count > 0)
        {
            if (!string.Equals(string.Join(',', encodings).Trim(), "chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new HttpProblemException(501, $"transfer coding '{string.Join(',', encodings)}' is not supported; only chunked is");
            }

            await ContinueAsync(headers, cancel).ConfigureAwait(false);
            return await ReadChunkedAsync(cancel).ConfigureAwait(false);
        }

        if (lengths.Count == 0)
        {
            return [];
        }

        if (lengths.Count > 1 || !long.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new HttpProblemException(400, "Content-Length is not one number");
        }

        if (length > HttpLimits.MaxBodyBytes)
        {
            throw new HttpProblemException(413, $"the body is {length} bytes; at most {HttpLimits.MaxBodyBytes} are accepted");
        }

        await ContinueAsync(headers, cancel).ConfigureAwait(false);
        var body = new byte[length];
        await ReadExactlyAsync(body, cancel).ConfigureAwait(false);
        return body;
    }

    /// <summary>A client that sent 'Expect: 100-continue' waits for this before it sends the body (curl does for large bodies).</summary>
    private async Task ContinueAsync(List<KeyValuePair<string, string>> headers, CancellationToken cancel)
    {
        if (headers.Any(h => h.Key == "expect" && string.Equals(h.Value, "100-continue", StringComparison.OrdinalIgnoreCase)))
        {
            await stream.WriteAsync(Continue, cancel).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancel)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(1024, 400, "a chunk size", allowEof: false, cancel).ConfigureAwait(false);
            var sizeText = sizeLine!.Split(';')[0].Trim();
            if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0 || sizeText.Length > 16)
            {
                throw new HttpProblemException(400, "a chunk size is not a hexadecimal number");
            }

            if (size == 0)
            {
                // Trailers are read and dropped: the program sees the headers the request started with.
                await ReadHeadersAsync(cancel).ConfigureAwait(false);
                return body.ToArray();
            }

            if (body.Length + size > HttpLimits.MaxBodyBytes)
            {
                throw new HttpProblemException(413, $"the chunked body passes {HttpLimits.MaxBodyBytes} bytes");
            }

            var chunk = new byte[size];
            await ReadExactlyAsync(chunk, cancel).ConfigureAwait(false);
            body.Write(chunk);
            if ((await ReadLineAsync(2, 400, "a chunk's end", allowEof: false, cancel).ConfigureAwait(false))!.Length != 0)
            {
                throw new HttpProblemException(400, "a chunk is longer than its size");
            }
        }
    }

    private async Task ReadExactlyAsync(byte[] into, CancellationToken cancel)
    {
        var filled = 0;
        while (filled < into.Length)
        {
            if (_start == _end && !await FillAsync(cancel).ConfigureAwait(false))
            {
                throw new HttpProblemException(400, "the client closed the connection inside the body");
            }

            var take = Math.Min(_end - _start, into.Length - filled);
            _buffer.AsSpan(_start, take).CopyTo(into.AsSpan(filled));
            _start += take;
            filled += take;
        }
    }

    /// <summary>One line without its CRLF (a bare LF is accepted), decoded as Latin-1 so no byte is lost; null at a clean end of stream.</summary>
    private async Task<string?> ReadLineAsync(int limit, int status, string what, bool allowEof, CancellationToken cancel)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancel).ConfigureAwait(false))
            {
                return allowEof && line.Count == 0 ? null : throw new HttpProblemException(400, $"the client closed the connection inside {what}");
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var end = newline < 0 ? _end : newline;
            line.AddRange(_buffer.AsSpan(_start, end - _start));
            _start = newline < 0 ? _end : newline + 1;
            if (line.Count > limit + 1)
            {
                throw new HttpProblemException(status, $"{what} passes the limit of {limit} bytes");
            }

            if (newline >= 0)
            {
                if (line.Count > 0 && line[^1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                }

                return Encoding.Latin1.GetString([.. line]);
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancel)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancel).ConfigureAwait(false);
        return _end > 0;
    }

    private static bool IsTokenChar(char c) => c is > ' ' and < (char)0x7f && !"\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal);
}
