using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Checks;

/// <summary>
/// Which test reports belong to one check: the files its patterns name that the check wrote (new, or changed since
/// it started: a report left by an earlier run is never taken for this one's), or the pytest report it was asked to
/// write. Set up before the check starts; <see cref="Found"/> after it ends.
/// </summary>
internal sealed class TestReportSearch : IDisposable
{
    private readonly string _cwd;
    private readonly Dictionary<string, (DateTime Modified, long Length)> _before;
    private readonly string? _temporaryFolder;

    private TestReportSearch(string cwd, IReadOnlyList<string> patterns, string? temporaryFolder, string how)
    {
        _cwd = cwd;
        Patterns = patterns;
        _temporaryFolder = temporaryFolder;
        How = how;
        try
        {
            _before = temporaryFolder is null ? Snapshot() : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed now will not be listed after the check either: the recorder says so then.
            _before = [];
        }
    }

    /// <summary>What the check was told to look for, as the record shows it.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary><c>declared</c> (run --tests, tests: in evidence.yml, the MSBuild package) or <c>pytest</c> (asked for through PYTEST_ADDOPTS).</summary>
    public string How { get; }

    /// <summary>The report is one the tool asked the runner to write into a temporary folder.</summary>
    public bool Injected => _temporaryFolder is not null;

    /// <summary>Variables the check must run with so it writes its report.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; private init; } = new Dictionary<string, string?>();

    /// <summary>Null when the check has no reports to read: none declared, <c>none</c>, or not a runner that can be asked.</summary>
    public static TestReportSearch? Prepare(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TestReports is { } declared)
        {
            return declared.IsEmpty || declared is ["none"] ? null : new TestReportSearch(request.WorkingDirectory, declared, null, "declared");
        }

        if (!PytestReport.Applies(request.Argv))
        {
            return null;
        }

        var addOpts = request.Environment.TryGetValue(PytestReport.AddOptsVariable, out var set) ? set : System.Environment.GetEnvironmentVariable(PytestReport.AddOptsVariable);
        if (PytestReport.RequestedReport(request.Argv, addOpts) is { } requested)
        {
            return new TestReportSearch(request.WorkingDirectory, [requested], null, "pytest");
        }

        var folder = Directory.CreateTempSubdirectory("evidence-tests-").FullName;
        var report = Path.Combine(folder, "pytest-junit.xml");
        return new TestReportSearch(request.WorkingDirectory, [report], folder, "pytest")
        {
            Environment = new Dictionary<string, string?> { [PytestReport.AddOptsVariable] = PytestReport.AddOpts(addOpts, report) },
        };
    }

    /// <summary>The reports the check wrote, in pattern order; each file once.</summary>
    public IReadOnlyList<string> Found()
    {
        var found = new List<string>();
        foreach (var pattern in Patterns)
        {
            foreach (var file in Files(pattern))
            {
                if (!found.Contains(file, StringComparer.Ordinal) && Changed(file))
                {
                    found.Add(file);
                }
            }
        }

        return found;
    }

    public void Dispose()
    {
        if (_temporaryFolder is not null)
        {
            try
            {
                Directory.Delete(_temporaryFolder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover in the temp folder holds only what the bundle already copied, redacted.
            }
        }
    }

    /// <summary>A pattern's files; a pattern naming a folder means the reports anywhere under it (.xml, .trx, .json).</summary>
    private IEnumerable<string> Files(string pattern)
    {
        var trimmed = pattern.TrimEnd('/', '\\');
        return !Glob.HasWildcards(trimmed) && trimmed.Length > 0 && Directory.Exists(Path.GetFullPath(trimmed, _cwd))
            ? Glob.Files(_cwd, trimmed + "/**/*").Where(f => Path.GetExtension(f) is ".xml" or ".trx" or ".json")
            : Glob.Files(_cwd, pattern);
    }

    private bool Changed(string file)
    {
        if (!_before.TryGetValue(file, out var old))
        {
            return true;
        }

        var info = new FileInfo(file);
        return info.LastWriteTimeUtc != old.Modified || info.Length != old.Length;
    }

    private Dictionary<string, (DateTime, long)> Snapshot()
    {
        var files = new Dictionary<string, (DateTime, long)>(StringComparer.Ordinal);
        foreach (var pattern in Patterns)
        {
            foreach (var file in Files(pattern))
            {
                var info = new FileInfo(file);
                files[file] = (info.LastWriteTimeUtc, info.Length);
            }
        }

        return files;
    }
}
