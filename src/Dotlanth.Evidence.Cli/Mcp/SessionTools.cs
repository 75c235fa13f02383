using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Host;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Cli.Mcp;

/// <summary>The tools of <c>dotnet evidence mcp</c>: each one is one syscall of the table, except <c>finish</c>.</summary>
internal static class SessionTools
{
    public const string Finish = "finish";

    /// <summary>What an agent may claim at finish; bundle.json's agent.claim (schemas/v1) allows the same.</summary>
    public static readonly string[] Claims = ["done", "partial", "failed", "gave_up"];

    public static IReadOnlyList<SessionTool> Create(IReadOnlyList<CheckDefinition> checks)
    {
        var checkNames = checks.Select(c => c.Name).ToList();
        return
        [
            new("run_command", "Run a command", """
                Run a command in the repository and get its exit code and output. argv is the program and its
                arguments, run without a shell (use ["sh", "-c", "..."] only if the session's capabilities allow it).
                The command must match one of the session's proc.exec capabilities; a command that does not is not run,
                and the error names the capability that would allow it. Output is bounded (its start and end are kept)
                and secrets in it come back masked as [REDACTED:rule:tag]. Every run is recorded as a check of the
                evidence bundle. Set required: true when the command verifies your work (tests, build, lint): the
                session's outcome is decided by the latest run of each required check.
                """,
                """
                {"type":"object","properties":{
                  "argv":{"type":"array","items":{"type":"string"},"minItems":1,"description":"The program and its arguments, e.g. [\"pytest\", \"-q\"]."},
                  "cwd":{"type":"string","description":"Folder to run in, relative to the repository's top (to evidence.yml's folder when that lives deeper); default: the repository's top. It must stay inside the repository."},
                  "timeout_seconds":{"type":"integer","minimum":1,"maximum":86400,"description":"Stop the command (its whole process tree) after this many seconds."},
                  "required":{"type":"boolean","description":"True when this command verifies the work; its latest result then decides the session's outcome. Default false."},
                  "name":{"type":"string","description":"Name of the check in the bundle (letters, digits, '.', '_' and '-'); default: derived from the command."}
                },"required":["argv"],"additionalProperties":false}
                """,
                ReadOnly: false, Destructive: true, RunCommand),
            new("run_check", "Run a declared check", $"""
                Run a check declared in the repository's evidence.yml, by name. Declared checks are what verify the work:
                a required one the session never ran, or whose latest run failed, makes the session's outcome failed.
                Declared checks: {(checkNames.Count == 0 ? "none (this repository declares no checks)" : string.Join(", ", checkNames))}.
                Returns the exit code and the bounded, redacted output, like run_command.
                """,
                $$"""
                {"type":"object","properties":{
                  "name":{"type":"string",{{(checkNames.Count == 0 ? string.Empty : "\"enum\":" + new JsonArray([.. checkNames.Select(n => (JsonNode)n)]).ToJsonString() + ",")}}"description":"The check's name in evidence.yml."}
                },"required":["name"],"additionalProperties":false}
                """,
                ReadOnly: false, Destructive: true, a => RunCheck(a, checks)),
            new("read_file", "Read a file", """
                Read a text file of the repository. path is relative to the repository's top. Secrets in the file come
                back masked as [REDACTED:rule:tag]: never write such text back (write_file refuses it, since it would
                replace the secret). A binary file gives its size and sha256 only. Files over 16 MiB are refused.
                """,
                """{"type":"object","properties":{"path":{"type":"string","description":"File path relative to the repository's top, e.g. src/app.py."}},"required":["path"],"additionalProperties":false}""",
                ReadOnly: true, Destructive: false, a => new ToolRequest(SyscallTable.FsRead, [Value.Of(a.String("path"))], a.Audit())),
            new("write_file", "Write a file", """
                Create or replace a file of the repository with the given text (UTF-8); missing parent folders are
                created. path is relative to the repository's top and may not leave it or go through a symbolic link.
                Returns the number of bytes written.
                """,
                """
                {"type":"object","properties":{
                  "path":{"type":"string","description":"File path relative to the repository's top."},
                  "content":{"type":"string","description":"The whole new content of the file."}
                },"required":["path","content"],"additionalProperties":false}
                """,
                ReadOnly: false, Destructive: true, WriteFile),
            new("list_directory", "List a folder", """
                List one folder of the repository (not recursive). Names are sorted; a folder's name ends with '/', a
                symbolic link's with '@'.
                """,
                """{"type":"object","properties":{"path":{"type":"string","description":"Folder relative to the repository's top; default \".\", the top itself."}},"additionalProperties":false}""",
                ReadOnly: true, Destructive: false, a => new ToolRequest(SyscallTable.FsList, [Value.Of(a.OptionalString("path") ?? ".")], a.Audit())),
            new("git_status", "Repository state", """
                The repository's HEAD commit, its branch, and whether the work tree has changes (the evidence store
                excluded).
                """,
                """{"type":"object","properties":{},"additionalProperties":false}""",
                ReadOnly: true, Destructive: false, a => new ToolRequest(SyscallTable.GitSnapshot, [], a.Audit())),
            new("git_diff", "Changes so far", """
                The unified diff of the work tree against HEAD: every change made so far, untracked files included.
                Give path to see one folder or file only. Secrets in it come back masked.
                """,
                """{"type":"object","properties":{"path":{"type":"string","description":"Folder or file relative to the repository's top; default: the whole repository."}},"additionalProperties":false}""",
                ReadOnly: true, Destructive: false, a => new ToolRequest(SyscallTable.GitDiff, [a.OptionalString("path") is { } p ? Value.Of(p) : Value.Unit], a.Audit())),
            new("put_artifact", "Store an artifact", $"""
                Store a named, typed output in the evidence bundle, with lineage (which call made it): a file of the
                repository (path) or text you give (content), exactly one of the two. type is one of
                {string.Join(", ", ArtifactDefinition.Types)}.
                """,
                $$"""
                {"type":"object","properties":{
                  "name":{"type":"string","description":"The artifact's name (letters, digits, '.', '_' and '-')."},
                  "type":{"type":"string","enum":{{new JsonArray([.. ArtifactDefinition.Types.Select(t => (JsonNode)t)]).ToJsonString()}}},
                  "path":{"type":"string","description":"A file of the repository to store."},
                  "content":{"type":"string","description":"Text to store instead of a file."}
                },"required":["name","type"],"additionalProperties":false}
                """,
                ReadOnly: false, Destructive: false, PutArtifact),
            new("log_note", "Record a note", """
                Record a note in the evidence bundle's trace: what you are doing and why. Secrets in it are masked.
                """,
                """{"type":"object","properties":{"message":{"type":"string","description":"The note."}},"required":["message"],"additionalProperties":false}""",
                ReadOnly: false, Destructive: false, a => new ToolRequest(SyscallTable.LogEmit, [Value.Of(a.String("message"))], a.Audit())),
            new(Finish, "Finish the session", """
                End the session: the evidence bundle is sealed and later tool calls are refused. Say what you believe
                the result is (claim) and why (summary). The claim is recorded beside the outcome the checks decide and
                never overrides it. Returns the sealed run's id and outcome.
                """,
                $$"""
                {"type":"object","properties":{
                  "claim":{"type":"string","enum":{{new JsonArray([.. Claims.Select(c => (JsonNode)c)]).ToJsonString()}},"description":"What you believe you achieved."},
                  "summary":{"type":"string","description":"A short account of what was done and why the claim holds."}
                },"additionalProperties":false}
                """,
                ReadOnly: false, Destructive: false, null),
        ];
    }

    private static ToolRequest RunCommand(ToolArguments a)
    {
        var argv = a.Strings("argv");
        var options = ImmutableArray.CreateBuilder<Value>();
        if (a.OptionalString("name") is { } name)
        {
            options.AddRange(Value.Of("name"), Value.Of(name));
        }

        options.AddRange(Value.Of("required"), Value.Of(a.OptionalBool("required") ?? false));
        if (a.OptionalInteger("timeout_seconds", 1, 86_400) is { } seconds)
        {
            options.AddRange(Value.Of("timeout_ms"), Value.Of(seconds * 1000));
        }

        if (a.OptionalString("cwd") is { } cwd)
        {
            options.AddRange(Value.Of("cwd"), Value.Of(cwd));
        }

        return new ToolRequest(SyscallTable.ProcExec, [Value.Of([.. argv.Select(Value.Of)]), Value.Of(options.ToImmutable())], a.Audit());
    }

    private static ToolRequest RunCheck(ToolArguments a, IReadOnlyList<CheckDefinition> checks)
    {
        var name = a.String("name");
        var check = checks.FirstOrDefault(c => c.Name == name) ?? throw new ToolArgumentException(checks.Count == 0
            ? $"there is no check '{name}': this repository's evidence.yml declares no checks; use run_command"
            : $"there is no check '{name}'; evidence.yml declares {string.Join(", ", checks.Select(c => c.Name))}");
        return new ToolRequest(SyscallTable.ProcExec, [Value.Of([.. check.Argv.Select(Value.Of)]), ChecksProgram.Options(check)], a.Audit());
    }

    /// <summary>The audit record keeps the content's size and digest, not the content.</summary>
    private static ToolRequest WriteFile(ToolArguments a)
    {
        var (path, content) = (a.String("path"), a.String("content"));
        var audit = a.Audit();
        audit["content"] = Digest(content);
        return new ToolRequest(SyscallTable.FsWrite, [Value.Of(path), Value.Of(content)], audit);
    }

    private static ToolRequest PutArtifact(ToolArguments a)
    {
        var (name, type, path, content) = (a.String("name"), a.String("type"), a.OptionalString("path"), a.OptionalString("content"));
        if ((path is null) == (content is null))
        {
            throw new ToolArgumentException("give exactly one of 'path' (a file of the repository) and 'content' (text)");
        }

        var audit = a.Audit();
        if (content is not null)
        {
            audit["content"] = Digest(content);
        }

        return new ToolRequest(SyscallTable.ArtifactPut, [Value.Of(name), Value.Of(type), path is not null ? Value.Of(path) : Value.Of(Encoding.UTF8.GetBytes(content!))], audit);
    }

    private static JsonObject Digest(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new JsonObject { ["bytes"] = bytes.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
    }
}
