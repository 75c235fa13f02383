using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>One line of tests.jsonl (schemas/v1/tests.schema.json), typed, for everything that reads a run's test cases.</summary>
public sealed record TestRecord(string Check, int Attempt, string Name, string Status)
{
    public string? Suite { get; init; }

    public string? ClassName { get; init; }

    public string? File { get; init; }

    public int? Line { get; init; }

    public long? DurationMs { get; init; }

    public int Retries { get; init; }

    public bool Flaky { get; init; }

    public string? FailureType { get; init; }

    public string? Message { get; init; }

    public string? Details { get; init; }

    public string? Output { get; init; }

    public string? Report { get; init; }

    /// <summary>How the test is named across runs: its class (when the report gives one) and its name.</summary>
    public string FullName => FullNameOf(ClassName, Name);

    /// <summary>"file:line" when known, the file alone without a line; null when the report gives neither.</summary>
    public string? Location => File is null ? null : Line is { } line ? $"{File}:{line}" : File;

    /// <summary>Class and name joined by '.', unless there is no class or the name already starts with it (xunit's, jest's).</summary>
    public static string FullNameOf(string? className, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.IsNullOrEmpty(className) || name.StartsWith(className, StringComparison.Ordinal) ? name : $"{className}.{name}";
    }

    public bool IsFailing => Status is "failed" or "error";

    /// <summary>The record, or null for a line missing a field every record has (a torn or foreign line).</summary>
    public static TestRecord? From(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string? Text(string name) => record[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        long? Number(string name) => record[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
        return Text("check") is { } check && Number(BundleFields.Attempt) is { } attempt && Text("name") is { } name && Text(BundleFields.Status) is { } status
            ? new TestRecord(check, (int)attempt, name, status)
            {
                Suite = Text("suite"),
                ClassName = Text("class"),
                File = Text("file"),
                Line = Number("line") is { } line ? (int)line : null,
                DurationMs = Number(BundleFields.DurationMs),
                Retries = (int)(Number("retries") ?? 0),
                Flaky = record["flaky"] is JsonValue f && f.TryGetValue<bool>(out var flaky) && flaky,
                FailureType = Text("failure_type"),
                Message = Text("message"),
                Details = Text("details"),
                Output = Text("output"),
                Report = Text("report"),
            }
            : null;
    }

    /// <summary>Every readable record of a bundle's tests.jsonl, one at a time (a run may hold a hundred thousand).</summary>
    public static IEnumerable<TestRecord> Read(string bundlePath) =>
        BundleLines.Records(bundlePath, BundleLayout.Tests).Select(From).OfType<TestRecord>();
}
