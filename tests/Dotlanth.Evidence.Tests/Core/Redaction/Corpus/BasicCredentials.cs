using System.Text;

namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>HTTP Basic credentials (<c>Basic base64(user:password)</c>) in the places they turn up.</summary>
public static class BasicCredentials
{
    private const string Esc = "\u001b";

    public static string Encode(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public static IReadOnlyList<(string Name, Func<string, string> Write)> Contexts { get; } =
    [
        ("header", b => $"> Authorization: Basic {b}\n"),
        ("header-lower", b => $"authorization: basic {b}\r\n"),
        ("assignment", b => $"PROXY_AUTH=Basic {b}\n"),
        ("json", b => $"{{\"headers\":{{\"Proxy-Authorization\":\"Basic {b}\"}}}}\n"),
        ("log-line", b => $"2026-11-30T10:00:00Z DEBUG sending Basic {b} to proxy.internal\n"),
        ("ansi", b => $"{Esc}[36mAuthorization{Esc}[0m: {Esc}[33mBasic{Esc}[0m {b}\n"),
        ("curl-verbose", b => $"* Server auth using Basic with user 'deploy'\n> GET / HTTP/1.1\n> Authorization: Basic {b}\n"),
        ("prose", b => $"Authorization Basic {b}\n"),
    ];
}
