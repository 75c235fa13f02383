namespace Dotlanth.Evidence.Vm;

/// <summary>
/// ABI v1, the one place a syscall is declared. Numbers and names are a published contract: add, never renumber.
/// The assembler, the config loader, the capability check, the recorder, replay, the help text and the tests all
/// read this table; adding a syscall is one entry here plus its method on <see cref="ISyscallHandlers"/>.
/// </summary>
public static class SyscallTable
{
    public const int Abi = 1;

    public static readonly SyscallInfo LogEmit = new(
        1, "log.emit", SyscallClass.SideEffect, CapabilitySubject.None,
        [new("message", "any value")], "unit",
        (host, args) => host.LogEmit(args[0]));

    public static readonly SyscallInfo ProcExec = new(
        2, "proc.exec", SyscallClass.SideEffect, CapabilitySubject.CommandLine,
        [new("argv", "list of strings"), new("options", "unit, or a list of key/value pairs")], "the exit code",
        (host, args) => host.ProcExec(args[0], args[1]));

    public static readonly SyscallInfo FsRead = new(
        3, "fs.read", SyscallClass.NonDeterministic, CapabilitySubject.RepositoryPath,
        [new("path", "string")], "the file as a string (UTF-8) or bytes",
        (host, args) => host.FsRead(args[0].AsString));

    public static readonly SyscallInfo FsWrite = new(
        4, "fs.write", SyscallClass.SideEffect, CapabilitySubject.RepositoryPath,
        [new("path", "string"), new("content", "string or bytes")], "the number of bytes written",
        (host, args) => host.FsWrite(args[0].AsString, args[1]));

    public static readonly SyscallInfo EnvGet = new(
        5, "env.get", SyscallClass.NonDeterministic, CapabilitySubject.Name,
        [new("name", "string")], "the value, or unit when unset",
        (host, args) => host.EnvGet(args[0].AsString));

    public static readonly SyscallInfo TimeNow = new(
        6, "time.now", SyscallClass.NonDeterministic, CapabilitySubject.None,
        [], "Unix time in milliseconds",
        (host, _) => host.TimeNow());

    public static readonly SyscallInfo RandomBytes = new(
        7, "random.bytes", SyscallClass.NonDeterministic, CapabilitySubject.None,
        [new("count", "integer, at most 1 MiB")], "bytes",
        (host, args) => host.RandomBytes(args[0].AsInt));

    public static readonly SyscallInfo GitSnapshot = new(
        8, "git.snapshot", SyscallClass.NonDeterministic, CapabilitySubject.None,
        [], "a list: commit, branch, dirty",
        (host, _) => host.GitSnapshot());

    public static readonly SyscallInfo ArtifactPut = new(
        9, "artifact.put", SyscallClass.SideEffect, CapabilitySubject.Name,
        [new("name", "string"), new("type", "artifact type"), new("content", "bytes, or a repository path as a string")], "the sha256 of what was stored",
        (host, args) => host.ArtifactPut(args[0].AsString, args[1].AsString, args[2]));

    public static readonly SyscallInfo FsList = new(
        10, "fs.list", SyscallClass.NonDeterministic, CapabilitySubject.RepositoryPath,
        [new("path", "string: a folder (\".\" is the repository's top)")], "the folder's entries, sorted: a folder's name ends with '/', a symbolic link's with '@'",
        (host, args) => host.FsList(args[0].AsString));

    public static readonly SyscallInfo GitDiff = new(
        11, "git.diff", SyscallClass.NonDeterministic, CapabilitySubject.None,
        [new("path", "unit for the whole repository, or a folder or file to limit the diff to")], "the unified diff of the work tree against HEAD, untracked files included, as a string",
        (host, args) => host.GitDiff(args[0]));

    public static readonly SyscallInfo NetHttpServe = new(
        12, "net.http.serve", SyscallClass.NonDeterministic, CapabilitySubject.Address,
        [new("address", "string: host:port, an IP address or localhost (port 0: a free port)")],
        "the next request, waited for: [\"id\", n, \"method\", m, \"path\", p, \"query\", q, \"headers\", [name, value, ...], \"body\", string or bytes]",
        (host, args) => host.NetHttpServe(args[0].AsString));

    public static readonly SyscallInfo NetHttpRespond = new(
        13, "net.http.respond", SyscallClass.SideEffect, CapabilitySubject.None,
        [new("request", "the request net.http.serve returned, or its id"), new("status", "integer, 200 to 599"), new("body", "string, bytes or unit"), new("headers", "a list [name, value, ...]", Optional: true)],
        "true when the whole answer was written to the connection, false when the client had gone",
        (host, args) => host.NetHttpRespond(args[0], args[1].AsInt, args[2], args[3]));

    public static IReadOnlyList<SyscallInfo> All { get; } =
        [LogEmit, ProcExec, FsRead, FsWrite, EnvGet, TimeNow, RandomBytes, GitSnapshot, ArtifactPut, FsList, GitDiff, NetHttpServe, NetHttpRespond];

    /// <summary>The syscalls a capability may name, in table order.</summary>
    public static IReadOnlyList<SyscallInfo> Guarded { get; } = [.. All.Where(s => s.IsGuarded)];

    public static SyscallInfo? ByName(string name) => All.FirstOrDefault(s => s.Name == name);

    public static SyscallInfo? ByNumber(int number) => All.FirstOrDefault(s => s.Number == number);

    /// <summary>"proc.exec, fs.read, fs.write, env.get, artifact.put, fs.list and net.http.serve": for messages and help text.</summary>
    public static string GuardedNames(string lastSeparator = " and ")
    {
        var names = Guarded.Select(s => s.Name).ToList();
        return string.Join(", ", names[..^1]) + lastSeparator + names[^1];
    }
}
