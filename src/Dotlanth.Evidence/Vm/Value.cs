using System.Collections.Immutable;
using System.Globalization;

namespace Dotlanth.Evidence.Vm;

/// <summary>A register value. A struct with one reference so the interpreter loop does not allocate for ints and bools.</summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly long _scalar;
    private readonly object? _ref;

    private Value(ValueKind kind, long scalar, object? reference)
    {
        Kind = kind;
        _scalar = scalar;
        _ref = reference;
    }

    public ValueKind Kind { get; }

    public static Value Unit => default;

    public static Value Of(bool value) => new(ValueKind.Bool, value ? 1 : 0, null);

    public static Value Of(long value) => new(ValueKind.Int, value, null);

    public static Value Of(string value) => new(ValueKind.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static Value Of(byte[] value) => new(ValueKind.Bytes, 0, ImmutableArray.Create(value ?? throw new ArgumentNullException(nameof(value))));

    public static Value Of(ImmutableArray<byte> value) => new(ValueKind.Bytes, 0, value);

    public static Value Of(ImmutableArray<Value> items) => new(ValueKind.List, 0, items);

    public static Value List(params Value[] items) => Of(ImmutableArray.Create(items));

    public bool AsBool => Kind == ValueKind.Bool ? _scalar != 0 : throw Mismatch(ValueKind.Bool);

    public long AsInt => Kind == ValueKind.Int ? _scalar : throw Mismatch(ValueKind.Int);

    public string AsString => Kind == ValueKind.String ? (string)_ref! : throw Mismatch(ValueKind.String);

    public ImmutableArray<byte> AsBytes => Kind == ValueKind.Bytes ? (ImmutableArray<byte>)_ref! : throw Mismatch(ValueKind.Bytes);

    public ImmutableArray<Value> AsList => Kind == ValueKind.List ? (ImmutableArray<Value>)_ref! : throw Mismatch(ValueKind.List);

    /// <summary>What jz/jnz test: false, 0, unit and empty strings, bytes and lists are zero.</summary>
    public bool IsZero => Kind switch
    {
        ValueKind.Unit => true,
        ValueKind.Bool or ValueKind.Int => _scalar == 0,
        ValueKind.String => AsString.Length == 0,
        ValueKind.Bytes => AsBytes.IsEmpty,
        _ => AsList.IsEmpty,
    };

    public static bool operator ==(Value left, Value right) => left.Equals(right);

    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    public bool Equals(Value other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            ValueKind.Unit => true,
            ValueKind.Bool or ValueKind.Int => _scalar == other._scalar,
            ValueKind.String => string.Equals(AsString, other.AsString, StringComparison.Ordinal),
            ValueKind.Bytes => AsBytes.AsSpan().SequenceEqual(other.AsBytes.AsSpan()),
            _ => AsList.SequenceEqual(other.AsList),
        };
    }

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        ValueKind.String => HashCode.Combine(Kind, AsString),
        ValueKind.Bytes or ValueKind.List => HashCode.Combine(Kind, _ref),
        _ => HashCode.Combine(Kind, _scalar),
    };

    public override string ToString() => Kind switch
    {
        ValueKind.Unit => "unit",
        ValueKind.Bool => AsBool ? "true" : "false",
        ValueKind.Int => AsInt.ToString(CultureInfo.InvariantCulture),
        ValueKind.String => AsString,
        ValueKind.Bytes => "b:" + Convert.ToHexStringLower(AsBytes.AsSpan()),
        _ => "[" + string.Join(", ", AsList) + "]",
    };

    private InvalidCastException Mismatch(ValueKind expected) => new($"expected a {expected.ToString().ToLowerInvariant()} value, found {Kind.ToString().ToLowerInvariant()}");
}
