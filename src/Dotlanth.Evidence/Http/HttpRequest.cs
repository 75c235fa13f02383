namespace Dotlanth.Evidence.Http;

/// <summary>
/// A whole request as the program receives it: the method, the path and query as sent (not decoded), the headers
/// in order with lower-case names, and the body (at most <see cref="HttpLimits.MaxBodyBytes"/>).
/// </summary>
public sealed record HttpRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    bool KeepAlive);
