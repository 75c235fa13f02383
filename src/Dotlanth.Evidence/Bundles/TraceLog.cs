using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>trace.jsonl: events numbered by a gap-free seq in the order they happen.</summary>
public sealed class TraceLog(JsonLinesWriter lines, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private long _seq;

    public long LastSeq => Interlocked.Read(ref _seq);

    /// <summary>Writes one event and returns its seq.</summary>
    public long Emit(string type, JsonObject? fields = null)
    {
        lock (_gate)
        {
            var seq = ++_seq;
            var record = new JsonObject
            {
                ["schema_version"] = BundleLayout.SchemaVersion,
                ["seq"] = seq,
                ["ts"] = Timestamps.Format(clock.GetUtcNow()),
                ["type"] = type,
            };
            if (fields is not null)
            {
                foreach (var (name, value) in fields.ToList())
                {
                    fields.Remove(name);
                    record[name] = value;
                }
            }

            lines.Append(record);
            return seq;
        }
    }
}
