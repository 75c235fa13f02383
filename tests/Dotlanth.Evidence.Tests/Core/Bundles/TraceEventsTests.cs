using System.Reflection;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Bundles;

public sealed class TraceEventsTests
{
    [Fact]
    public void The_trace_schema_allows_exactly_the_event_kinds_the_tool_writes()
    {
        var schema = SchemaValidator.Schema("trace.schema.json");
        var allowed = schema["properties"]!["type"]!["enum"]!.AsArray().Select(n => (string)n!);
        var written = typeof(TraceEvents).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(allowed.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }
}
