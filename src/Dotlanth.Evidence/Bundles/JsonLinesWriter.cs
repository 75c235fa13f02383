using System.Text.Json.Nodes;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Bundles;

/// <summary>Appends redacted JSON records, one per line, flushed as they come so a crash loses little.</summary>
public sealed class JsonLinesWriter : IJsonLines, IDisposable
{
    private readonly FileStream _file;
    private readonly IRedactor _redactor;
    private readonly Lock _gate = new();

    internal JsonLinesWriter(string path, IRedactor redactor)
    {
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _redactor = redactor;
    }

    public void Append(JsonObject record)
    {
        var line = JsonText.ToLine(JsonRedaction.Redact(record, _redactor));
        lock (_gate)
        {
            _file.Write(line);
            _file.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
