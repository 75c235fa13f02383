using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Checks;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Values;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>The live host: performs each syscall of ABI 1 against the real world (capabilities are checked before it).</summary>
public sealed class RunHost(CheckRunner checks, RunOptions options, IReadOnlyDictionary<string, string> environment, IRedactor redactor, RunConsole console, TimeBudget budget)
    : ISyscallHost, ISyscallHandlers
{
    private const int MaxRandomBytes = 1 << 20;
    private const long MaxReadBytes = 16 * 1024 * 1024;
    private const int MaxListEntries = 10_000;

    private readonly List<JsonObject> _artifacts = [];

    /// <summary>Set by the recorder so check records can point at their syscall.</summary>
    public Func<long> CurrentSeq { get; set; } = () => 0;

    /// <summary>Set by an agent session for each call: the client withdrew it, so a command it started stops.</summary>
    public CancellationToken CallWithdrawn { get; set; }

    /// <summary>Where fs.* and artifact.put may go; set for runs in a repository.</summary>
    public Workspace Workspace { get; init; } = new(options?.WorkingDirectory ?? Environment.CurrentDirectory);

    /// <summary>The servers net.http.* use; the program's runner owns them and releases them when the program ends.</summary>
    public HttpEndpoints? Http { get; init; }

    /// <summary>The bundle artifact.put writes into.</summary>
    public BundleWriter? Bundle { get; init; }

    /// <summary>artifacts.json entries made by artifact.put, in order.</summary>
    public IReadOnlyList<JsonObject> Artifacts => _artifacts;

    /// <summary>An artifact an interrupted run put, carried into the run that resumes it (its files already copied).</summary>
    public void Carry(JsonObject artifact) => _artifacts.Add(artifact);

    /// <summary>Where a command given the working directory <paramref name="relative"/> runs: relative to evidence.yml's folder, else to the run's.</summary>
    public string CommandDirectory(string relative) =>
        Path.GetFullPath(relative, options.Config?.Path is { } configPath ? Path.GetDirectoryName(configPath)! : options.WorkingDirectory);

    public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        try
        {
            return syscall.Handler(this, args);
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            // A full disk or an I/O error is the syscall's fault, recorded like any other, not a crash of the run.
            throw new VmFaultException(Codes.SyscallIoFailed, $"{syscall.Name}: {StorageFaults.Describe(ex)}", "check the disk (space, permissions) and run again");
        }
    }

    Value ISyscallHandlers.EnvGet(string name) => environment.TryGetValue(name, out var value) ? Value.Of(value) : Value.Unit;

    Value ISyscallHandlers.TimeNow() => Value.Of(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    Value ISyscallHandlers.LogEmit(Value message)
    {
        console.Messages.WriteLine("evidence: " + redactor.Redact(message.ToString()));
        return Value.Unit;
    }

    Value ISyscallHandlers.ProcExec(Value argvValue, Value optionsValue)
    {
        var argv = argvValue.AsList.Select(v => v.AsString).ToList();
        if (argv.Count == 0 || argv[0].Length == 0)
        {
            throw new VmFaultException(Codes.ProgramInvalid, "proc.exec needs a non-empty argv list");
        }

        var exec = ExecOptions.From(optionsValue);
        var name = exec.Name ?? CommandNames.Of(argv);
        var cwd = exec.WorkingDirectory is { } relative ? CommandDirectory(relative) : options.WorkingDirectory;
        var (timeout, budgetLimited) = budget.TimeoutFor(exec.Timeout, name);
        var summary = checks.Run(new CheckRequest(argv, name, cwd, options.MaxOutputBytes, options.KillGrace, CurrentSeq())
        {
            Required = exec.Required,
            Timeout = timeout,
            Accepted = exec.Accepted,
            Environment = exec.Environment,
            TestReports = exec.TestReports,
            RepositoryRoot = Workspace.Root,
            Withdrawn = CallWithdrawn,
        });
        if (budgetLimited && summary.Status == CheckStatus.TimedOut)
        {
            throw budget.Exceeded(name);
        }

        return Value.Of(summary.ExitCode);
    }

    /// <summary>Text when the file is UTF-8, bytes otherwise. Opened beneath the repository: no link is followed, only plain files are read.</summary>
    Value ISyscallHandlers.FsRead(string path)
    {
        var relative = Workspace.RelativeOrFault("fs.read", path);
        byte[] bytes;
        try
        {
            using var handle = BeneathFiles.OpenRead(Workspace.Root, relative);
            var length = RandomAccess.GetLength(handle);
            if (length > MaxReadBytes)
            {
                throw new VmFaultException(Codes.ProgramInvalid, $"fs.read: '{path}' is {length} bytes; at most {MaxReadBytes} are read");
            }

            using var stream = new FileStream(handle, FileAccess.Read);
            bytes = new byte[length];
            stream.ReadExactly(bytes);
        }
        catch (IOException ex)
        {
            throw Workspace.Fault("fs.read", path, ex);
        }

        try
        {
            return Value.Of(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return Value.Of(bytes);
        }
    }

    /// <summary>Writes a string (UTF-8) or bytes; returns how many bytes were written. Opened beneath the repository like fs.read.</summary>
    Value ISyscallHandlers.FsWrite(string path, Value content)
    {
        var relative = Workspace.RelativeOrFault("fs.write", path);
        var bytes = content.Kind == ValueKind.Bytes ? content.AsBytes.ToArray() : Encoding.UTF8.GetBytes(content.AsString);
        try
        {
            using var handle = BeneathFiles.OpenWrite(Workspace.Root, relative);
            RandomAccess.Write(handle, bytes, 0);
        }
        catch (IOException ex)
        {
            throw Workspace.Fault("fs.write", path, ex);
        }

        return Value.Of(bytes.LongLength);
    }

    /// <summary>The same measurements as the bundle's repo facts (the store excluded); a fact git could not give faults.</summary>
    Value ISyscallHandlers.GitSnapshot()
    {
        var location = RepoLocation.Find(Workspace.Root);
        if (location.Root is not { } root)
        {
            throw new VmFaultException(location.ProblemCode!, "git.snapshot: " + location.Problem, "run the program inside a repository git can read");
        }

        var (commit, branch, dirty, unknown) = Git.GitSnapshot.Head(root, StoreLocation.Resolve(options.StoreRoot, options.WorkingDirectory, location));
        if (unknown is not null)
        {
            throw new VmFaultException(Codes.GitFailed, "git.snapshot: " + unknown, "check that git can read the repository");
        }

        return Value.List(
            Value.Of("commit"), commit is { } sha ? Value.Of(sha) : Value.Unit,
            Value.Of("branch"), branch is { } name ? Value.Of(name) : Value.Unit,
            Value.Of("dirty"), Value.Of(dirty));
    }

    /// <summary>Bytes the program made, or a file of the repository (a string path), become a named artifact with lineage.</summary>
    Value ISyscallHandlers.ArtifactPut(string name, string type, Value content)
    {
        if (Bundle is null)
        {
            throw new VmFaultException(Codes.SyscallUnavailable, "artifact.put is not available here");
        }

        if (CheckNames.Validate(name) is { } invalid)
        {
            throw new VmFaultException(invalid.Code, "artifact.put: " + invalid.Message, invalid.Hint);
        }

        if (!Config.ArtifactDefinition.Types.Contains(type))
        {
            throw new VmFaultException(Codes.ProgramInvalid, $"artifact.put: '{type}' is not an artifact type", "use " + string.Join(", ", Config.ArtifactDefinition.Types));
        }

        name = CheckNames.WithoutSecrets(name, Bundle.Redactor.Redact);
        string target, source;
        long bytes;
        string sha;
        if (content.Kind == ValueKind.Bytes)
        {
            source = "(program)";
            target = $"artifacts/{name}/{name}";
            var sink = new Capture.BudgetedFileSink(Bundle.PathOf(target), long.MaxValue);
            using (sink)
            {
                var redacting = Bundle.Redactor.Wrap(sink);
                redacting.Write(content.AsBytes.AsSpan());
                redacting.Complete();
            }

            if (sink.Failure is { } failure)
            {
                throw new IOException($"artifact '{name}' could not be written: {failure}");
            }

            (bytes, sha) = (sink.BytesTotal, sink.Sha256);
        }
        else
        {
            var full = Workspace.Resolve("artifact.put", content.AsString);
            if (!File.Exists(full))
            {
                throw new VmFaultException(Codes.ArtifactMissing, $"artifact.put: '{content.AsString}' does not exist");
            }

            source = Path.GetRelativePath(Workspace.Root, full).Replace('\\', '/');
            target = ArtifactCollector.TargetOf(name, source, Bundle.Redactor);
            (bytes, sha) = ArtifactCollector.Copy(Bundle, full, target);
        }

        _artifacts.Add(new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["format"] = null,
            ["declared_path"] = null,
            ["files"] = new JsonArray(new JsonObject { ["path"] = target, ["source"] = source, ["bytes"] = bytes, ["sha256"] = sha }),
            ["spec"] = options.Config?.SpecId is { } id ? new JsonObject { ["id"] = id, ["version"] = options.Config.SpecVersion } : null,
            ["producer"] = new JsonObject
            {
                ["tool"] = ToolInfo.Name,
                ["tool_version"] = ToolInfo.Version,
                ["checks"] = new JsonArray(),
                ["program_seq"] = CurrentSeq(),
            },
            ["created_at"] = Timestamps.Format(DateTimeOffset.UtcNow),
            ["validation"] = new JsonObject { [BundleFields.Status] = "passed", ["checks"] = new JsonArray() },
        });
        return Value.Of(sha);
    }

    /// <summary>One folder's entries, not followed through links: a link is listed (name@), never entered.</summary>
    Value ISyscallHandlers.FsList(string path)
    {
        var full = Workspace.Resolve("fs.list", path);
        var info = new DirectoryInfo(full);
        if (info.LinkTarget is not null)
        {
            throw new VmFaultException(Codes.PathOutsideWorkspace, $"fs.list: '{path}' is a symbolic link, which programs may not follow", "list the folder it points to by its own path");
        }

        if (!info.Exists)
        {
            throw new VmFaultException(Codes.InputNotFound, File.Exists(full) ? $"fs.list: '{path}' is a file, not a folder" : $"fs.list: '{path}' does not exist");
        }

        var names = new List<string>();
        try
        {
            foreach (var entry in info.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
            {
                if (names.Count == MaxListEntries)
                {
                    throw new VmFaultException(Codes.ProgramInvalid, $"fs.list: '{path}' has more than {MaxListEntries} entries", "list a folder further down");
                }

                names.Add(entry.LinkTarget is not null ? entry.Name + "@" : entry is DirectoryInfo ? entry.Name + "/" : entry.Name);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VmFaultException(Codes.SyscallIoFailed, $"fs.list: '{path}': {ex.Message}", "check the folder's permissions");
        }

        names.Sort(StringComparer.Ordinal);
        return Value.Of([.. names.Select(Value.Of)]);
    }

    /// <summary>The diff so far, as diff.patch records it; a repository path limits it.</summary>
    Value ISyscallHandlers.GitDiff(Value path)
    {
        var location = RepoLocation.Find(Workspace.Root);
        if (location.Root is not { } root)
        {
            throw new VmFaultException(location.ProblemCode!, "git.diff: " + location.Problem, "run the program inside a repository git can read");
        }

        string? limit = null;
        if (path.Kind != ValueKind.Unit)
        {
            limit = Workspace.RelativeOrFault("git.diff", path.AsString);
            limit = Path.GetRelativePath(root, Path.Combine(Workspace.Root, limit)).Replace('\\', '/');
        }

        var storeRoot = StoreLocation.Resolve(options.StoreRoot, options.WorkingDirectory, location);
        var (patch, code, problem) = WorkTreePatch.Read(root, storeRoot, limit is "." ? null : limit, (int)MaxReadBytes);
        return patch is not null ? Value.Of(patch) : throw new VmFaultException(code!, "git.diff: " + problem, "check that git can read the repository");
    }

    Value ISyscallHandlers.NetHttpServe(string address) => Endpoints.Serve(address);

    Value ISyscallHandlers.NetHttpRespond(Value request, long status, Value body, Value headers) => Endpoints.Respond(request, status, body, headers);

    private HttpEndpoints Endpoints => Http ?? throw new VmFaultException(Codes.SyscallUnavailable, "net.http.* is not available here", "serve HTTP from a program run with 'exec'");

    Value ISyscallHandlers.RandomBytes(long count) => count is < 0 or > MaxRandomBytes
        ? throw new VmFaultException(Codes.ProgramInvalid, $"random.bytes takes 0..{MaxRandomBytes} bytes, not {count}")
        : Value.Of(RandomNumberGenerator.GetBytes((int)count));
}
