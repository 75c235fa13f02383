using System.Text.Json.Nodes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// trace.jsonl: events numbered by a gap-free seq in the order they happen. In a run made of steps, every process
/// draws its numbers from the open run, and each event names the step that recorded it.
/// </summary>
public sealed class TraceLog
{
    private readonly Func<Func<long, JsonObject>, long> _append;
    private readonly TimeProvider _clock;
    private readonly int? _step;

    /// <summary>A trace written by this process alone.</summary>
    public TraceLog(JsonLinesWriter lines, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var gate = new Lock();
        long seq = 0;
        _append = build =>
        {
            lock (gate)
            {
                var next = seq + 1;
                lines.Append(build(next));
                return seq = next;
            }
        };
        _clock = clock;
    }

    /// <summary>The trace of an open run, shared by its steps; <paramref name="step"/> is null for begin and end.</summary>
    public TraceLog(OpenRun run, IRedactor redactor, TimeProvider clock, int? step)
    {
        ArgumentNullException.ThrowIfNull(run);
        _append = build => run.AppendNumbered(BundleLayout.Trace, build, redactor);
        _clock = clock;
        _step = step;
    }

    /// <summary>The seq of the last event this log wrote.</summary>
    public long LastSeq { get; private set; }

    /// <summary>Writes one event and returns its seq.</summary>
    public long Emit(string type, JsonObject? fields = null) => LastSeq = _append(seq =>
    {
        var record = new JsonObject
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
            [BundleFields.Seq] = seq,
            ["ts"] = Timestamps.Format(_clock.GetUtcNow()),
            ["type"] = type,
        };
        if (_step is { } step)
        {
            record["step"] = step;
        }

        if (fields is not null)
        {
            foreach (var (name, value) in fields.ToList())
            {
                fields.Remove(name);
                record[name] = value;
            }
        }

        return record;
    });
}
