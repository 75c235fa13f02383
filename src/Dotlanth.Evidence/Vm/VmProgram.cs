using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Dotlanth.Evidence.Vm;

/// <summary>An assembled program together with the exact text it came from, so a bundle can hold and replay it.</summary>
public sealed class VmProgram(string text, int abi, ImmutableArray<Capability> capabilities, ImmutableArray<Instruction> code, ImmutableArray<Value> constants)
{
    public string Text { get; } = text;

    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public int Abi { get; } = abi;

    public ImmutableArray<Capability> Capabilities { get; } = capabilities;

    public ImmutableArray<Instruction> Code { get; } = code;

    public ImmutableArray<Value> Constants { get; } = constants;
}
