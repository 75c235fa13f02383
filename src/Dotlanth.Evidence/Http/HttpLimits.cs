namespace Dotlanth.Evidence.Http;

/// <summary>
/// What one request may cost before the program sees it. A request over a limit is answered by the server itself
/// (400, 413, 414, 431, 501 or 505) and never reaches the program, so a client cannot make a program or its trace unbounded.
/// </summary>
public static class HttpLimits
{
    public const int MaxRequestLine = 8 * 1024;

    public const int MaxHeaderBytes = 32 * 1024;

    public const int MaxHeaders = 100;

    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>A client has this long to send a whole request once its connection is open (or once the last answer went out); then it is closed.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>An answer that the client does not take within this time is given up (the program goes on; respond returns false).</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Requests waiting for the program at once; more connections are accepted but not read until there is room.</summary>
    public const int MaxQueued = 1024;
}
