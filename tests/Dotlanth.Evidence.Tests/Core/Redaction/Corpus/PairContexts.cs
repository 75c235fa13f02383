using System.Text;
using System.Text.Json;

namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>
/// The contexts real CI output carries secrets in: one-line assignments, name and value on different lines
/// (Kubernetes, compose, Actions, JSON, XML, HCL, TOML, INI, kubectl), prose, and colour codes between name and value.
/// </summary>
public static class PairContexts
{
    private const string Esc = "\u001b";

    private static string Json(string s) => JsonSerializer.Serialize(s)[1..^1];

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    public static IReadOnlyList<string> Variables { get; } =
        ["DB_PASSWORD", "API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "CLIENT_SECRET", "SMTP_PASS", "REDIS_PASSWORD", "JWT_SECRET",
         "ENCRYPTION_KEY", "AUTH_TOKEN", "AWS_SECRET_ACCESS_KEY", "SIGNING_KEY", "NPM_TOKEN", "ADMIN_PWD", "SERVICE_CREDENTIALS", "SENTRY_AUTH_TOKEN"];

    public static IReadOnlyList<string> Keys { get; } =
        ["Password", "ApiKey", "ClientSecret", "apiToken", "secretKey", "accessToken", "db_password", "privateKey", "passphrase", "SigningKey"];

    public static IReadOnlyList<string> Words { get; } = ["password", "token", "api key", "secret", "passphrase", "access token", "API key"];

    public static IReadOnlyList<PairContext> All { get; } =
    [
        new("dotenv", NameStyle.Variable, (n, v) => $"LOG_LEVEL=info\n{n}={v}\nPORT=8080\n"),
        new("export-quoted", NameStyle.Variable, (n, v) => $"+ export {n}=\"{v}\"\n", AllowsSpaces: true),
        new("k8s-env", NameStyle.Variable, (n, v) => $"    env:\n    - name: LOG_LEVEL\n      value: debug\n    - name: {n}\n      value: \"{v}\"\n    - name: PORT\n      value: \"8080\"\n", AllowsSpaces: true),
        new("k8s-env-bare", NameStyle.Variable, (n, v) => $"        - name: {n}\n          value: {v}\n"),
        new("helm-values", NameStyle.Variable, (n, v) => $"extraEnv:\n  - name: {n}\n    # set by the release pipeline\n    value: '{v}'\n", AllowsSpaces: true),
        new("compose-list", NameStyle.Variable, (n, v) => $"    environment:\n      - {n}={v}\n      - TZ=UTC\n"),
        new("actions-env", NameStyle.Variable, (n, v) => $"    env:\n      {n}: {v}\n      CI: true\n"),
        new("json-name-value", NameStyle.Variable, (n, v) => $"[{{\"name\": \"{n}\", \"value\": \"{Json(v)}\"}}, {{\"name\": \"TZ\", \"value\": \"UTC\"}}]\n", v => [Json(v)], AllowsSpaces: true),
        new("json-Name-Value-pretty", NameStyle.Variable, (n, v) => $"  {{\n    \"Name\": \"{n}\",\n    \"Value\": \"{Json(v)}\"\n  }},\n", v => [Json(v)], AllowsSpaces: true),
        new("json-key-value", NameStyle.Variable, (n, v) => $"{{\"key\":\"{n}\",\"value\":\"{Json(v)}\"}}\n", v => [Json(v)], AllowsSpaces: true),
        new("json-value-first", NameStyle.Variable, (n, v) => $"{{\n  \"value\": \"{Json(v)}\",\n  \"name\": \"{n}\"\n}}\n", v => [Json(v)], AllowsSpaces: true),
        new("xml-add", NameStyle.Key, (n, v) => $"    <add key=\"{n}\" value=\"{v}\" />\n", AllowsSpaces: true),
        new("xml-element", NameStyle.Key, (n, v) => $"  <{n}>{v}</{n}>\n", AllowsSpaces: true),
        new("xml-element-lines", NameStyle.Key, (n, v) => $"  <{n}>\n    {v}\n  </{n}>\n"),
        new("appsettings", NameStyle.Key, (n, v) => $"{{\n  \"Service\": {{\n    \"Url\": \"https://api.example.com\",\n    \"{n}\": \"{Json(v)}\"\n  }}\n}}\n", v => [Json(v)], AllowsSpaces: true),
        new("hcl", NameStyle.Key, (n, v) => $"  {n.ToLowerInvariant()} = \"{v}\"\n", AllowsSpaces: true),
        new("hcl-variable", NameStyle.Key, (n, v) => $"variable \"{n}\" {{\n  type      = string\n  sensitive = true\n  default   = \"{v}\"\n}}\n", AllowsSpaces: true),
        new("toml", NameStyle.Key, (n, v) => $"[service]\nurl = \"https://example.com\"\n{n} = \"{v}\"\n", AllowsSpaces: true),
        new("ini", NameStyle.Key, (n, v) => $"[service]\nurl=https://example.com\n{n} = {v}\n"),
        new("yaml-next-line", NameStyle.Key, (n, v) => $"service:\n  {n}:\n    {v}\n"),
        new("yaml-block", NameStyle.Key, (n, v) => $"service:\n  {n}: |\n    {v}\n  url: https://example.com\n"),
        new("kubectl-secret", NameStyle.Key, (n, v) => $"apiVersion: v1\ndata:\n  {n}: {B64(v)}\n  username: {B64("app")}\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\n", v => [B64(v)]),
        new("kubectl-secret-json", NameStyle.Key, (n, v) => $"{{\n    \"apiVersion\": \"v1\",\n    \"data\": {{\n        \"{n}\": \"{B64(v)}\"\n    }},\n    \"kind\": \"Secret\"\n}}\n", v => [B64(v)]),
        new("prose-using", NameStyle.Words, (n, v) => $"2026-11-30 10:00:01 INFO using {n} {v} for upload\n"),
        new("prose-bare", NameStyle.Words, (n, v) => $"[deploy] {n} {v}\n"),
        new("prose-quoted", NameStyle.Words, (n, v) => $"retrying with {n} '{v}' (attempt 2)\n"),
        new("prose-arrow", NameStyle.Words, (n, v) => $"resolved {n} -> {v}\n"),
        new("prose-dash", NameStyle.Words, (n, v) => $"new {n} - {v}\n"),
        new("flag-space", NameStyle.Variable, (n, v) => $"+ tool deploy --{n.ToLowerInvariant().Replace('_', '-')} {v} --verbose\n"),
        new("export-mistake", NameStyle.Variable, (n, v) => $"$ export {n} {v}\n"),
        new("ansi-name", NameStyle.Variable, (n, v) => $"{Esc}[31m{n}{Esc}[0m={v}\n"),
        new("ansi-both", NameStyle.Variable, (n, v) => $"{Esc}[1;34m{n}{Esc}[0;39m: {Esc}[32m{v}{Esc}[0m\n"),
        new("ansi-prose", NameStyle.Words, (n, v) => $"{Esc}[33mwarning{Esc}[0m using {Esc}[1m{n}{Esc}[22m {v}\n"),
        new("docker-run", NameStyle.Variable, (n, v) => $"+ docker run --rm -e {n}={v} app:latest\n"),
    ];
}
