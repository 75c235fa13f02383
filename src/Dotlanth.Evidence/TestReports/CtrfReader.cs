using System.Text.Json;

namespace Dotlanth.Evidence.TestReports;

/// <summary>
/// CTRF JSON (<c>{"results": {"tool": …, "summary": …, "tests": [ … ]}}</c>). Read as a stream: the buffer holds one
/// test entry at a time, so memory follows the largest entry, not the file.
/// </summary>
internal static class CtrfReader
{
    private const int MaxEntryBytes = 64 * 1024 * 1024;

    public static void Read(Stream stream, Action<TestCase> onCase)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        string? property = null;
        string? tool = null;
        var sawResults = false;
        while (true)
        {
            if (!final && length < buffer.Length)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                length += read;
                final = read == 0;
                if (!final)
                {
                    continue;
                }
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
            var consumed = 0;
            var needMore = false;
            while (true)
            {
                var before = reader.CurrentState;
                var beforeConsumed = (int)reader.BytesConsumed;
                if (!reader.Read())
                {
                    needMore = !final;
                    break;
                }

                var inTests = path is ["$", "results", "tests"];
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject when inTests:
                        var probe = reader;
                        if (!probe.TrySkip())
                        {
                            // The entry is not all in the buffer yet: read it again from its start after the refill.
                            (state, consumed, needMore) = (before, beforeConsumed, true);
                            goto refill;
                        }

                        using (var entry = JsonDocument.ParseValue(ref reader))
                        {
                            onCase(ToCase(entry.RootElement, tool));
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        path.Add(path.Count == 0 ? "$" : property ?? "[]");
                        sawResults |= path is ["$", "results"];
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        property = null;
                        break;
                    case JsonTokenType.String when path is ["$", "results", "tool"] && property == "name":
                        tool = reader.GetString();
                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }

                state = reader.CurrentState;
                consumed = (int)reader.BytesConsumed;
            }

            state = reader.CurrentState;
            consumed = (int)reader.BytesConsumed;
        refill:
            if (!needMore)
            {
                break;
            }

            if (consumed == 0 && length == buffer.Length)
            {
                if (buffer.Length >= MaxEntryBytes)
                {
                    throw new InvalidDataException($"a test entry is larger than {MaxEntryBytes / (1024 * 1024)} MiB");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
            length -= consumed;
        }

        if (!sawResults)
        {
            throw new InvalidDataException("not a CTRF report: there is no 'results' object");
        }
    }

    private static TestCase ToCase(JsonElement test, string? tool)
    {
        string? Text(string name) => test.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? ReportXml.NonEmpty(v.GetString()) : null;
        long? Number(string name) => test.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d >= 0 ? (long)Math.Round(d) : null;

        var status = Text("status") switch
        {
            "passed" => TestStatus.Passed,
            "failed" => TestStatus.Failed,
            "skipped" or "pending" => TestStatus.Skipped,
            _ => TestStatus.Error,
        };
        var suite = test.TryGetProperty("suite", out var s) ? s.ValueKind switch
        {
            JsonValueKind.String => s.GetString(),
            JsonValueKind.Array => string.Join(" > ", s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
            _ => null,
        } : null;
        var retries = (int)Math.Min(int.MaxValue, Number("retries") ?? 0);
        var flaky = test.TryGetProperty("flaky", out var f) && f.ValueKind == JsonValueKind.True;
        var details = Excerpt.Of(Text("trace"), Excerpt.DetailsLimit);
        var output = new Excerpt(Excerpt.DetailsLimit);
        foreach (var stream in new[] { "stdout", "stderr" })
        {
            if (test.TryGetProperty(stream, out var lines) && lines.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in lines.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String))
                {
                    output.Append(entry.GetString());
                    output.Append("\n");
                }
            }
        }

        var name = Text("name") ?? "(unnamed)";
        var file = Text("filePath");
        var line = Number("line") is { } l and > 0 and <= int.MaxValue ? (int)l : (int?)null;
        var failing = TestStatus.IsFailing(status);
        if (failing && (file is null || line is null) && FailureLocation.Find(details, file, suite, name) is { } found)
        {
            (file, line) = (file ?? found.File, line ?? found.Line);
        }

        return new TestCase
        {
            Name = name,
            Status = status,
            Suite = ReportXml.NonEmpty(suite) ?? tool,
            ClassName = null,
            File = file,
            Line = line,
            DurationMs = Number("duration"),
            FailureType = status == TestStatus.Error ? Text("rawStatus") ?? Text("status") ?? "no status" : null,
            Message = Excerpt.Of(Text("message"), Excerpt.MessageLimit),
            Details = details,
            Output = failing && !output.IsEmpty ? output.ToString().TrimEnd() : null,
            // A flaky test that passed without a retry count still failed at least once.
            Retries = status == TestStatus.Passed && flaky ? Math.Max(1, retries) : retries,
        };
    }
}
