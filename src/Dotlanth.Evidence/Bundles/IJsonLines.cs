using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>A JSON-lines file of a bundle, written by one process or shared by the steps of an open run.</summary>
public interface IJsonLines
{
    void Append(JsonObject record);

    /// <summary>Appends a batch; a shared file takes its lock once for the whole batch.</summary>
    void AppendAll(IReadOnlyList<JsonObject> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            Append(record);
        }
    }
}
