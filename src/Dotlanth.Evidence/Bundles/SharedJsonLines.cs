using System.Text.Json.Nodes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Bundles;

/// <summary>A JSON-lines file of an open run, appended to under its lock so parallel steps never interleave half-lines.</summary>
public sealed class SharedJsonLines(OpenRun run, string relativePath, IRedactor redactor) : IJsonLines
{
    public void Append(JsonObject record) => run.Append(relativePath, record, redactor);

    public void AppendAll(IReadOnlyList<JsonObject> records) => run.AppendAll(relativePath, records, redactor);
}
