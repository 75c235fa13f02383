namespace Dotlanth.Evidence.Git;

/// <summary>Remote URLs without credentials: user:password@ and tokens in the user part are dropped.</summary>
public static class RemoteUrl
{
    public static string StripCredentials(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            // scp-like git@host:path carries a login name, not a secret.
            return url;
        }

        var authorityStart = scheme + 3;
        var pathStart = url.IndexOf('/', authorityStart);
        var authorityEnd = pathStart < 0 ? url.Length : pathStart;
        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        return at < 0 ? url : string.Concat(url.AsSpan(0, authorityStart), url.AsSpan(at + 1));
    }
}
