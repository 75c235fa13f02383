using System.Security.Cryptography;
using System.Text;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Facts;

/// <summary>
/// A program as the bundle holds it: redacted text and the digest of exactly that text, so the digest always
/// matches what a reader sees. <see cref="Redacted"/> says whether the text differs from what actually ran.
/// </summary>
public sealed record StoredProgram(string Text, string Sha256, bool Redacted)
{
    /// <summary><paramref name="shownText"/> is the program as it may be shown (argv already masked as a command line).</summary>
    public static StoredProgram From(VmProgram program, string shownText, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(redactor);
        var text = redactor.Redact(shownText);
        return new StoredProgram(text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), text != program.Text);
    }
}
