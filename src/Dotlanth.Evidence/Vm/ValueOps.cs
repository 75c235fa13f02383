using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Vm;

/// <summary>The instructions that look into values or build them (get, prefix, concat), kept apart from the interpreter's loop.</summary>
public static class ValueOps
{
    /// <summary>The largest value concat builds (characters, bytes or items): a doubling loop must fault, not exhaust memory.</summary>
    public const int MaxConcatLength = 16 * 1024 * 1024;

    /// <summary>The value after the first <paramref name="key"/> at a key position (0, 2, 4...) of a pair list; unit when there is none.</summary>
    public static Value Get(Value pairs, Value key)
    {
        var items = pairs.AsList;
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            if (items[i] == key)
            {
                return items[i + 1];
            }
        }

        return Value.Unit;
    }

    /// <summary>
    /// The rest of <paramref name="text"/> after <paramref name="prefix"/> ("" when they are equal), or unit when it
    /// does not start with it. jz/jnz treat both unit and "" as zero, so "/users/" alone is not a match for "/users/".
    /// </summary>
    public static Value After(Value text, Value prefix) => text.AsString.StartsWith(prefix.AsString, StringComparison.Ordinal)
        ? Value.Of(text.AsString[prefix.AsString.Length..])
        : Value.Unit;

    public static Value Concat(Value left, Value right)
    {
        if (left.Kind != right.Kind)
        {
            throw new InvalidCastException($"concat joins two values of one kind, found {Name(left)} and {Name(right)}");
        }

        var length = left.Kind switch
        {
            ValueKind.String => (long)left.AsString.Length + right.AsString.Length,
            ValueKind.Bytes => (long)left.AsBytes.Length + right.AsBytes.Length,
            ValueKind.List => (long)left.AsList.Length + right.AsList.Length,
            _ => throw new InvalidCastException($"concat joins strings, bytes or lists, found {Name(left)}"),
        };
        if (length > MaxConcatLength)
        {
            throw new VmFaultException(Codes.ProgramInvalid, $"concat would build a value of {length} elements; at most {MaxConcatLength} are allowed");
        }

        return left.Kind switch
        {
            ValueKind.String => Value.Of(left.AsString + right.AsString),
            ValueKind.Bytes => Value.Of(left.AsBytes.AddRange(right.AsBytes)),
            _ => Value.Of(left.AsList.AddRange(right.AsList)),
        };
    }

    private static string Name(Value value) => value.Kind.ToString().ToLowerInvariant();
}
