using System.Globalization;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// Where bundles are kept: a folder, or <c>s3://bucket/prefix</c> with the S3 settings as query parameters
/// (<c>endpoint</c>, <c>region</c>, <c>path_style</c>, <c>profile</c>, <c>timeout</c>, <c>retries</c>). Credentials are
/// never part of a store URI: they come from the AWS environment variables or profiles, so the URI can be written
/// into config snapshots, logs and push records as is.
/// </summary>
public sealed record StoreUri
{
    public const string S3Scheme = "s3://";
    public const int DefaultRetries = 4;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>For a file-system store: its full path.</summary>
    public string? FolderPath { get; init; }

    public string? Bucket { get; init; }

    /// <summary>The key prefix inside the bucket: empty, or ending in '/'.</summary>
    public string Prefix { get; init; } = string.Empty;

    public string? Endpoint { get; init; }

    public string? Region { get; init; }

    public bool PathStyle { get; init; }

    public string? Profile { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public int Retries { get; init; } = DefaultRetries;

    public bool IsRemote => Bucket is not null;

    /// <summary>True for text that names a remote store (so config and options can tell it from a folder).</summary>
    public static bool LooksRemote(string? text) => text is not null && text.StartsWith(S3Scheme, StringComparison.OrdinalIgnoreCase);

    public static StoreUri Parse(string text, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!LooksRemote(text))
        {
            if (text.Contains("://", StringComparison.Ordinal))
            {
                throw Invalid(text, "only folders and s3:// stores are supported");
            }

            return new StoreUri { FolderPath = Path.GetFullPath(text, workingDirectory) };
        }

        var rest = text[S3Scheme.Length..];
        var query = string.Empty;
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            (rest, query) = (rest[..q], rest[(q + 1)..]);
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (bucket.Contains('@', StringComparison.Ordinal) || bucket.Contains(':', StringComparison.Ordinal))
        {
            throw Invalid(Display(bucket[(bucket.LastIndexOf('@') + 1)..], prefix), "credentials do not belong in a store URI", "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, instead");
        }

        if (!IsBucketName(bucket))
        {
            throw Invalid(text, $"'{bucket}' is not a bucket name", "use 3-63 lowercase letters, digits, dots and hyphens");
        }

        if (prefix.Split('/').Any(part => part is "." or ".." || (part.Length == 0 && prefix.Length > 0)))
        {
            throw Invalid(text, "the prefix has an empty, '.' or '..' segment", "write it as s3://bucket/team/project");
        }

        var uri = new StoreUri { Bucket = bucket, Prefix = prefix.Length == 0 ? string.Empty : prefix + "/" };
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            uri = name switch
            {
                "endpoint" => uri with { Endpoint = EndpointUrl(value, text) },
                "region" when value.Length > 0 => uri with { Region = value },
                "path_style" => uri with { PathStyle = Flag(value, text) },
                "profile" when value.Length > 0 => uri with { Profile = value },
                "timeout" => uri with { Timeout = Durations.TryParse(value, out var span, out _) && span > TimeSpan.Zero ? span : throw Invalid(text, $"timeout '{value}' is not a duration", "e.g. timeout=30s") },
                "retries" => uri with { Retries = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 20 ? n : throw Invalid(text, $"retries '{value}' is not a number from 0 to 20", null) },
                _ => throw Invalid(text, $"unknown setting '{name}'", "settings are endpoint, region, path_style, profile, timeout and retries"),
            };
        }

        return uri;
    }

    /// <summary>The URI without its settings, for messages and records.</summary>
    public override string ToString() => FolderPath ?? Display(Bucket!, Prefix.TrimEnd('/'));

    private static string Display(string bucket, string prefix) => S3Scheme + bucket + (prefix.Length > 0 ? "/" + prefix : string.Empty);

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);

    private static string EndpointUrl(string value, string text) =>
        Uri.TryCreate(value, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https" && endpoint.UserInfo.Length == 0
            ? value.TrimEnd('/')
            : throw Invalid(text, "the endpoint is not an http(s) URL without credentials", "e.g. endpoint=http://127.0.0.1:9000");

    private static bool Flag(string value, string text) => value switch
    {
        "" or "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Invalid(text, $"path_style '{value}' is not true or false", null),
    };

    private static EvidenceException Invalid(string text, string message, string? hint = "write it as s3://bucket/prefix?endpoint=http://host:9000&path_style=true") =>
        new(new EvidenceError(Codes.StoreUriInvalid, $"store '{(LooksRemote(text) ? text.Split('?')[0] : text)}': {message}", hint));
}
