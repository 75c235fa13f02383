using System.Text.Json.Nodes;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// The staging folder of a run opened by <c>begin</c> and shared by the <c>run --into</c> steps and the <c>end</c> that
/// follow, each its own process. Numbers (trace seq, check attempts, steps) are handed out under one flock, and each
/// record is appended while it is held, so parallel steps interleave without losing or reordering anything.
/// The control files are dot-files that sealing removes: the mask key in particular never enters the bundle.
/// </summary>
public sealed class OpenRun
{
    public const string SessionFile = ".session.json";
    public const string StateFile = ".state.json";
    public const string KeyFile = ".mask-key";
    public const string StepsFolder = ".steps";
    public const string LockFile = ".lock";

    private OpenRun(string runId, string stagingPath)
    {
        RunId = runId;
        StagingPath = stagingPath;
    }

    public string RunId { get; }

    public string StagingPath { get; }

    /// <summary>Turns a fresh staging folder into an open run: its session (what begin decided), counters and mask key.</summary>
    public static OpenRun Create(BundleWriter bundle, JsonObject session, byte[] maskKey, long seqSoFar = 0)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(maskKey);
        var run = new OpenRun(bundle.RunId, bundle.StagingPath);
        Directory.CreateDirectory(Path.Combine(run.StagingPath, StepsFolder));
        var keyOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the owner only from the first byte.
            keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var key = new FileStream(run.PathOf(KeyFile), keyOptions))
        {
            key.Write(maskKey);
        }

        new OpenRunState { Seq = seqSoFar }.Save(run.PathOf(StateFile));
        // The session is written last: a folder with a session is a complete open run.
        File.WriteAllBytes(run.PathOf(SessionFile), JsonText.ToDocument(JsonRedaction.Redact(session, bundle.Redactor)));
        return run;
    }

    /// <summary>The open run with this id in the store, or why there is none.</summary>
    public static OpenRun? Find(string storeRoot, string runId, out EvidenceError? error)
    {
        ArgumentNullException.ThrowIfNull(runId);
        error = null;
        if (!Bundles.RunId.IsValid(runId))
        {
            error = new EvidenceError(Codes.InvalidOption, $"'{runId}' is not a run id", "use the id 'dotnet evidence begin' printed (EVIDENCE_RUN_ID)");
            return null;
        }

        var runs = Path.Combine(Path.GetFullPath(storeRoot), BundleLayout.RunsFolder);
        var staging = Path.Combine(runs, BundleLayout.StagingFolder, runId);
        if (File.Exists(Path.Combine(staging, SessionFile)))
        {
            return new OpenRun(runId, staging);
        }

        error = Directory.Exists(Path.Combine(runs, runId))
            ? new EvidenceError(Codes.RunNotOpen, $"run {runId} is already sealed", "open a new run with 'dotnet evidence begin', or unset EVIDENCE_RUN_ID for a run of its own")
            : new EvidenceError(Codes.RunNotOpen, $"there is no open run {runId} in {storeRoot}", "open one with 'dotnet evidence begin', and give later commands the same --out");
        return null;
    }

    /// <summary>The open run a staging folder holds, if it holds one.</summary>
    public static OpenRun? At(string stagingPath) =>
        File.Exists(Path.Combine(stagingPath, SessionFile)) ? new OpenRun(Path.GetFileName(stagingPath), stagingPath) : null;

    public JsonObject ReadSession() => JsonNode.Parse(File.ReadAllBytes(PathOf(SessionFile)))!.AsObject();

    public byte[] ReadKey() => File.ReadAllBytes(PathOf(KeyFile));

    /// <summary>Registers the calling process as a new step; null (and why) when the run is ending or ended.</summary>
    public int? StartStep(out EvidenceError? error)
    {
        error = null;
        var self = Self();
        return Update(state =>
        {
            if (state.Closed)
            {
                return (int?)null;
            }

            var step = ++state.Steps;
            state.Active[step] = self;
            return step;
        }) is { } started
            ? started
            : Fail(out error);
    }

    public int NextAttempt(string check) => Update(state => state.Attempts[check] = state.Attempts.GetValueOrDefault(check) + 1);

    /// <summary>DotVM steps the finished steps of this run have used, for the run's step budget.</summary>
    public long VmStepsUsed() => Read(state => state.VmSteps);

    /// <summary>Appends the record built for the next trace seq, under the lock, and returns that seq.</summary>
    public long AppendNumbered(string relativePath, Func<long, JsonObject> build, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Update(state =>
        {
            var seq = state.Seq + 1;
            AppendLine(relativePath, build(seq), redactor);
            state.Seq = seq;
            return seq;
        });
    }

    public void Append(string relativePath, JsonObject record, IRedactor redactor) =>
        Update(state =>
        {
            AppendLine(relativePath, record, redactor);
            return 0;
        });

    /// <summary>Appends many records under one hold of the lock (a step's test cases).</summary>
    public void AppendAll(string relativePath, IReadOnlyList<JsonObject> records, IRedactor redactor) =>
        Update(state =>
        {
            var lines = new MemoryStream();
            foreach (var record in records)
            {
                lines.Write(JsonText.ToLine(JsonRedaction.Redact(record, redactor)));
            }

            using var file = new FileStream(PathOf(relativePath), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            lines.Position = 0;
            lines.CopyTo(file);
            file.Flush();
            return 0;
        });

    /// <summary>Stores a finished step's record and releases its registration.</summary>
    public void FinishStep(int step, JsonObject record, long vmSteps, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(record);
        Update(state =>
        {
            File.WriteAllBytes(StepRecordPath(step), JsonText.ToDocument(JsonRedaction.Redact(record, redactor)));
            state.Active.Remove(step);
            state.VmSteps += vmSteps;
            return 0;
        });
    }

    /// <summary>
    /// Closes the run to new steps unless one is still running (then nothing changes). Steps whose process is gone
    /// without finishing are returned as abandoned.
    /// </summary>
    public CloseAttempt TryClose() => Update(state =>
    {
        if (state.Closed)
        {
            return new CloseAttempt(false, true, [], []);
        }

        var running = state.Active.Where(a => ProcessTree.IsAlive(new ProcessTree.Member(a.Value.Pid, a.Value.StartTime))).Select(a => a.Key).ToList();
        if (running.Count > 0)
        {
            return new CloseAttempt(false, false, running, []);
        }

        state.Closed = true;
        state.Closer = Self();
        return new CloseAttempt(true, false, [], [.. state.Active.Keys]);
    });

    /// <summary>The finished steps' records, in step order.</summary>
    public IReadOnlyList<(int Step, JsonObject Record)> ReadSteps() =>
        [.. Directory.EnumerateFiles(Path.Combine(StagingPath, StepsFolder), "*.json")
            .Select(p => (Step: int.Parse(Path.GetFileNameWithoutExtension(p), System.Globalization.CultureInfo.InvariantCulture), Path: p))
            .OrderBy(s => s.Step)
            .Select(s => (s.Step, JsonNode.Parse(File.ReadAllBytes(s.Path))!.AsObject()))];

    /// <summary>
    /// Whether whoever works on this open run is gone for good: it was closed by an <c>end</c> that died before sealing.
    /// An open run is never stale: its next step or its end may still come.
    /// </summary>
    public bool EndDied() => Read(state => state.Closed && state.Closer is { } closer && !ProcessTree.IsAlive(new ProcessTree.Member(closer.Pid, closer.StartTime)));

    internal static ActiveStep Self() => new(Environment.ProcessId, ProcessTree.Find(Environment.ProcessId)?.StartTime ?? 0);

    private static int? Fail(out EvidenceError? error)
    {
        error = new EvidenceError(Codes.RunNotOpen, "the run is being ended, so no step can join it", "open a new run with 'dotnet evidence begin'");
        return null;
    }

    /// <summary>A look at the counters under the lock, without rewriting them (every run checks open runs this way).</summary>
    private T Read<T>(Func<OpenRunState, T> look)
    {
        using var held = FileLock.Acquire(PathOf(LockFile));
        return look(OpenRunState.Load(PathOf(StateFile)));
    }

    private T Update<T>(Func<OpenRunState, T> change)
    {
        using var held = FileLock.Acquire(PathOf(LockFile));
        var path = PathOf(StateFile);
        var state = OpenRunState.Load(path);
        var result = change(state);
        state.Save(path);
        return result;
    }

    private void AppendLine(string relativePath, JsonObject record, IRedactor redactor)
    {
        var line = JsonText.ToLine(JsonRedaction.Redact(record, redactor));
        using var file = new FileStream(PathOf(relativePath), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        file.Write(line);
        file.Flush();
    }

    private string StepRecordPath(int step) => Path.Combine(StagingPath, StepsFolder, step.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");

    private string PathOf(string relativePath) => Path.Combine(StagingPath, relativePath);
}
