using System.Collections.Immutable;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Hooks;

/// <summary>One line git hands a pre-push hook on stdin: what is pushed where.</summary>
public sealed record PushedRef(string LocalRef, string LocalSha, string RemoteRef, string RemoteSha)
{
    /// <summary>A push that deletes the remote ref sends no commit, so it needs no evidence.</summary>
    public bool IsDeletion => LocalSha.All(c => c == '0');

    /// <summary>The lines of <c>&lt;local ref&gt; SP &lt;local sha&gt; SP &lt;remote ref&gt; SP &lt;remote sha&gt;</c>.</summary>
    public static ImmutableArray<PushedRef> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var refs = ImmutableArray.CreateBuilder<PushedRef>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 4 || !IsSha(parts[1]) || !IsSha(parts[3]))
            {
                throw new EvidenceException(new EvidenceError(
                    Codes.Usage,
                    $"'{line}' is not a line git gives a pre-push hook (<local ref> <local sha> <remote ref> <remote sha>)",
                    "this command is run by the pre-push hook with git's lines on its standard input"));
            }

            refs.Add(new PushedRef(parts[0], parts[1], parts[2], parts[3]));
        }

        return refs.ToImmutable();
    }

    private static bool IsSha(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);
}
