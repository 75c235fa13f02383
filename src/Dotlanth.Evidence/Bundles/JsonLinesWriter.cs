using System.Text.Json.Nodes;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// Appends redacted JSON records, one per line, flushed as they come so a crash loses little. When the disk refuses
/// a line (full, an I/O error) the file stops there, the failure is reported once, and appending goes on as a no-op:
/// the run is not stopped by its own record.
/// </summary>
public sealed class JsonLinesWriter : IJsonLines, IDisposable
{
    private readonly IRedactor _redactor;
    private readonly Action<Exception> _onFailure;
    private readonly Lock _gate = new();
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _file;
    private long _length;

    private string? _pendingPath;

    /// <param name="path">The file, or null when there is nowhere to write (the failure is already recorded).</param>
    /// <param name="createOnFirstLine">Create the file with its first record: a file only some runs have is absent, not empty, in the others.</param>
    internal JsonLinesWriter(string? path, IRedactor redactor, Action<Exception> onFailure, bool createOnFirstLine = false)
    {
        _redactor = redactor;
        _onFailure = onFailure;
        _pendingPath = path;
        if (!createOnFirstLine)
        {
            OpenPending();
        }
    }

    private void OpenPending()
    {
        if (_pendingPath is { } path)
        {
            _pendingPath = null;
            Guard(() =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                _file = File.OpenHandle(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                _length = RandomAccess.GetLength(_file);
            });
        }
    }

    public void Append(JsonObject record) => Write(JsonText.ToLine(JsonRedaction.Redact(record, _redactor)));

    public void AppendAll(IReadOnlyList<JsonObject> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var lines = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var record in records)
        {
            var line = JsonText.ToLine(JsonRedaction.Redact(record, _redactor));
            line.CopyTo(lines.GetSpan(line.Length));
            lines.Advance(line.Length);
        }

        Write(lines.WrittenSpan.ToArray());
    }

    private void Write(byte[] line)
    {
        lock (_gate)
        {
            OpenPending();
            if (_file is { } file)
            {
                // Unbuffered, at a known offset: a line the disk refuses is cut off again, so no torn line stays.
                Guard(() =>
                {
                    RandomAccess.Write(file, line, _length);
                    _length += line.Length;
                });
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Guard(() => _file?.Dispose());
            _file = null;
            _pendingPath = null;
        }
    }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            var file = _file;
            _file = null;
            try
            {
                if (file is not null)
                {
                    RandomAccess.SetLength(file, _length);
                }
            }
            catch (IOException)
            {
                // The cut could not be made either; recovery drops a torn last line.
            }

            file?.Dispose();
            _onFailure(ex);
        }
    }
}
