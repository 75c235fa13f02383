using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Vm;
using ModelContextProtocol.Protocol;

namespace Dotlanth.Evidence.Cli.Mcp;

/// <summary>
/// What a tool call returns to the agent, made from its syscall's result. Every text passes the run's redactor first,
/// and is bounded, so neither a secret nor a flood reaches the model.
/// </summary>
internal static class ToolAnswers
{
    /// <summary>Characters of one text returned to the agent; the rest is named, not sent.</summary>
    public const int MaxChars = 100_000;

    public static CallToolResult Of(AgentSession session, ToolRequest request, ToolCallOutcome outcome)
    {
        if (outcome.Fault is { } fault)
        {
            return Error(fault.Code, fault.Message, fault.Hint);
        }

        var result = outcome.Result;
        var syscall = request.Syscall;
        if (syscall == SyscallTable.ProcExec && outcome.Check is { } check)
        {
            var stdout = Bound(session.CheckOutput(check, stderr: false), keepEnd: true);
            var stderr = Bound(session.CheckOutput(check, stderr: true), keepEnd: true);
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"exit code {check.ExitCode} ({check.Status}); recorded as check {check.Name} attempt {check.Attempt}\n")
                .Append("--- stdout ---\n").Append(stdout).Append(stdout.EndsWith('\n') || stdout.Length == 0 ? string.Empty : "\n")
                .Append("--- stderr ---\n").Append(stderr);
            return Ok(text.ToString(), new JsonObject
            {
                ["exit_code"] = check.ExitCode,
                ["status"] = check.Status,
                ["check"] = check.Name,
                ["attempt"] = check.Attempt,
                ["stdout"] = stdout,
                ["stderr"] = stderr,
            });
        }

        if (syscall == SyscallTable.FsRead)
        {
            return result.Kind == ValueKind.String
                ? Ok(Bound(session.Redact(result.AsString), keepEnd: false))
                : Ok($"binary file: {result.AsBytes.Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(result.AsBytes.AsSpan()))}");
        }

        if (syscall == SyscallTable.FsWrite)
        {
            return Ok($"wrote {result.AsInt} bytes to {session.Redact(request.Args[0].AsString)}");
        }

        if (syscall == SyscallTable.FsList)
        {
            var names = result.AsList.Select(v => session.Redact(v.AsString)).ToList();
            return Ok(names.Count == 0 ? "(empty folder)" : Bound(string.Join('\n', names), keepEnd: false), new JsonObject
            {
                ["entries"] = new JsonArray([.. names.Take(2_000).Select(n => (JsonNode)n)]),
            });
        }

        if (syscall == SyscallTable.GitSnapshot)
        {
            var facts = result.AsList;
            var (commit, branch, dirty) = (Text(facts[1]), Text(facts[3]), facts[5].AsBool);
            return Ok($"commit {commit ?? "(none yet)"}\nbranch {branch ?? "(detached)"}\ndirty {(dirty ? "true" : "false")}", new JsonObject
            {
                ["commit"] = commit,
                ["branch"] = branch,
                ["dirty"] = dirty,
            });
        }

        if (syscall == SyscallTable.GitDiff)
        {
            return Ok(result.AsString.Length == 0 ? "no changes against HEAD" : Bound(session.Redact(result.AsString), keepEnd: false));
        }

        if (syscall == SyscallTable.ArtifactPut)
        {
            return Ok($"stored artifact {session.Redact(request.Args[0].AsString)} (sha256 {result.AsString})");
        }

        return Ok("recorded");
    }

    /// <summary>A tool error as the agent reads it: the code and what was wrong, then what to do.</summary>
    public static CallToolResult Error(string code, string message, string? hint = null) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = $"error {code}: {message}" + (hint is null ? string.Empty : $"\nhint: {hint}") }],
    };

    public static CallToolResult Ok(string text, JsonObject? structured = null) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = structured is null ? null : JsonDocument.Parse(structured.ToJsonString()).RootElement.Clone(),
    };

    /// <summary>At most <see cref="MaxChars"/>: the start, or the start and the end for output (where errors and totals are).</summary>
    public static string Bound(string text, bool keepEnd)
    {
        if (text.Length <= MaxChars)
        {
            return text;
        }

        var head = keepEnd ? MaxChars / 2 : MaxChars;
        var tail = keepEnd ? MaxChars / 4 : 0;
        var marker = $"\n[… {text.Length - head - tail} characters not shown …]\n";
        return text[..head] + marker + text[^tail..];
    }

    private static string? Text(Value value) => value.Kind == ValueKind.String ? value.AsString : null;
}
