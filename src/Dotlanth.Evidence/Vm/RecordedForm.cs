using System.Text.Json.Nodes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Vm;

/// <summary>
/// How a syscall's arguments and result are written to the trace, and compared in replay: <see cref="ValueJson"/>,
/// except that the values of HTTP headers whose name says they carry a credential (authorization, cookie,
/// set-cookie, x-api-key...) are masked whole, since a cookie or key has no shape a detector would know.
/// </summary>
public static class RecordedForm
{
    /// <summary>A header's name and its value are a name/value pair, counted under that rule.</summary>
    private const string HeaderRule = Redaction.Detectors.NameValueDetector.PairRule;

    public static JsonArray Args(SyscallInfo syscall, ReadOnlySpan<Value> args, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        ArgumentNullException.ThrowIfNull(redactor);
        var values = args.ToArray();
        if (syscall == SyscallTable.NetHttpRespond)
        {
            values[0] = MaskRequest(values[0], redactor);
            values[3] = MaskHeaders(values[3], redactor);
        }

        return new JsonArray([.. values.Select(a => ValueJson.ToJson(a, redactor))]);
    }

    public static JsonNode? Result(SyscallInfo syscall, Value result, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        ArgumentNullException.ThrowIfNull(redactor);
        return ValueJson.ToJson(syscall == SyscallTable.NetHttpServe ? MaskRequest(result, redactor) : result, redactor);
    }

    /// <summary>A request value (<c>["id", n, ..., "headers", [...], ...]</c>) with its credential headers masked.</summary>
    private static Value MaskRequest(Value request, IRedactor redactor)
    {
        if (request.Kind != ValueKind.List)
        {
            return request;
        }

        var items = request.AsList.ToBuilder();
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            if (items[i] == Value.Of("headers"))
            {
                items[i + 1] = MaskHeaders(items[i + 1], redactor);
            }
        }

        return Value.Of(items.ToImmutable());
    }

    /// <summary>A flat header list <c>[name, value, ...]</c> with the values of credential headers masked.</summary>
    private static Value MaskHeaders(Value headers, IRedactor redactor)
    {
        if (headers.Kind != ValueKind.List)
        {
            return headers;
        }

        var items = headers.AsList.ToBuilder();
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            if (items[i].Kind == ValueKind.String && items[i + 1].Kind == ValueKind.String && SensitiveNames.IsSensitive(items[i].AsString) && items[i + 1].AsString.Length > 0)
            {
                items[i + 1] = Value.Of(redactor.MaskWhole(HeaderRule, items[i + 1].AsString));
            }
        }

        return Value.Of(items.ToImmutable());
    }
}
