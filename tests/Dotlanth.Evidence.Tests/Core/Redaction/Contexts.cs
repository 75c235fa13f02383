using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

/// <summary>The places a secret turns up in real output, each with how it rewrites the secret itself.</summary>
public static class Contexts
{
    public sealed record Context(string Name, Func<string, string> Wrap, Func<string, string> Form);

    private static string Json(string s) => JsonSerializer.Serialize(s, JsonOptions)[1..^1];

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string CSharp(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    public static IReadOnlyList<Context> All { get; } =
    [
        new("plain", s => $"2026-11-21 12:00:00 INFO deploy: using {s} for the upload\n", s => s),
        new("env", s => $"HOME=/home/ci\nDEPLOY_SETTING={s}\nSHELL=/bin/bash\n", s => s),
        new("json", s => $"{{\"level\":\"info\",\"message\":\"{Json(s)}\",\"n\":1}}\n", Json),
        new("json-escaped", s => $"{{\"payload\":\"{Json($"{{\"message\":\"{Json(s)}\"}}")}\"}}\n", s => Json(Json(s))),
        new("yaml", s => $"deploy:\n  target: prod\n  value: {s}\n", s => s),
        new("url", s => $"GET https://example.com/callback?state=ok&data={s} 200\n", s => s),
        new("curl", s => $"+ curl -sS -H 'X-Data: {s}' https://api.example.com/v1/items\n", s => s),
        new("csharp", s => $"        var value = \"{CSharp(s)}\";\n", CSharp),
        new("diff-added", s => $"@@ -1,2 +1,2 @@\n context\n+    {s}\n", s => s),
        new("diff-removed", s => $"@@ -1,2 +1,2 @@\n-    {s}\n context\n", s => s),
        new("crlf", s => $"first line\r\n{s}\r\nlast line\r\n", s => s),
        new("ansi", s => $"\u001b[1m\u001b[32m{s}\u001b[0m done\n", s => s),
    ];
}
