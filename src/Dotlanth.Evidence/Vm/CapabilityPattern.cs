namespace Dotlanth.Evidence.Vm;

/// <summary>
/// Matching a capability's pattern against what a syscall actually asks for. Command lines and names: <c>*</c> is any
/// run of characters, <c>?</c> one, <c>\</c> escapes. Paths: <c>*</c> and <c>?</c> stay within a path segment and
/// <c>**</c> spans segments, as in .gitignore globs. Linear: no backtracking blow-up whatever the pattern.
/// </summary>
public static class CapabilityPattern
{
    private static readonly char[] Wildcards = ['*', '?', '\\'];

    private static bool IsPathSyscall(string syscall) => SyscallTable.ByName(syscall)?.Capability == CapabilitySubject.RepositoryPath;

    private static bool IsAddressSyscall(string syscall) => SyscallTable.ByName(syscall)?.Capability == CapabilitySubject.Address;

    /// <summary>Null when the pattern is well formed, else what is wrong with it.</summary>
    public static string? Problem(string syscall, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0)
        {
            return "the pattern is empty";
        }

        if (pattern.EndsWith('\\') && !pattern.EndsWith("\\\\", StringComparison.Ordinal))
        {
            return "the pattern ends with a lone '\\'";
        }

        if (IsPathSyscall(syscall) && (pattern.StartsWith('/') || pattern.Split('/').Contains("..")))
        {
            return "a path pattern is relative to the repository and may not start with '/' or contain '..'";
        }

        return IsAddressSyscall(syscall) ? AddressProblem(pattern) : null;
    }

    public static bool Matches(string syscall, string pattern, string subject)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(subject);
        if (IsPathSyscall(syscall))
        {
            return PathMatches(pattern, subject);
        }

        // Listening beyond this machine is never granted by a wildcard: "*:8080" allows 127.0.0.1:8080, not 0.0.0.0:8080.
        if (IsAddressSyscall(syscall) && Http.HttpAddress.Parse(subject, out _) is { IsLoopback: false } && HostPart(pattern).IndexOfAny(Wildcards) >= 0)
        {
            return false;
        }

        return Wildcard(pattern, subject, segmentSeparator: null);
    }

    private static string HostPart(string pattern) => pattern.LastIndexOf(':') is var colon and > 0 ? pattern[..colon] : pattern;

    private static string? AddressProblem(string pattern)
    {
        var colon = pattern.LastIndexOf(':');
        if (colon <= 0 || colon == pattern.Length - 1)
        {
            return "an address pattern is host:port, for example \"127.0.0.1:8080\" or \"127.0.0.1:*\"";
        }

        var host = pattern[..colon];
        var port = pattern[(colon + 1)..];
        if (port != "*" && !port.All(char.IsAsciiDigit))
        {
            return $"the port '{port}' is not a number or '*'";
        }

        if (host.IndexOfAny(Wildcards) >= 0)
        {
            return null;
        }

        var address = Http.HttpAddress.Parse(host + ":0", out var problem);
        return address is null ? problem
            : address.Canonical == host + ":0" ? null
            : $"write the host as {address.Canonical[..^2]}: addresses are matched in that form";
    }

    private static bool PathMatches(string pattern, string path)
    {
        // "out/**" matches out/ and everything below it; "**/x" matches x at any depth.
        var patternParts = pattern.Split('/');
        var pathParts = path.Split('/');
        return Segments(patternParts, 0, pathParts, 0, new Dictionary<(int, int), bool>());
    }

    private static bool Segments(string[] pattern, int p, string[] path, int s, Dictionary<(int, int), bool> memo)
    {
        if (memo.TryGetValue((p, s), out var known))
        {
            return known;
        }

        bool result;
        if (p == pattern.Length)
        {
            result = s == path.Length;
        }
        else if (pattern[p] == "**")
        {
            result = Segments(pattern, p + 1, path, s, memo) || (s < path.Length && Segments(pattern, p, path, s + 1, memo));
        }
        else
        {
            result = s < path.Length && Wildcard(pattern[p], path[s], '/') && Segments(pattern, p + 1, path, s + 1, memo);
        }

        memo[(p, s)] = result;
        return result;
    }

    /// <summary>Glob over one string, two pointers with one backtrack point (linear for a single '*' class).</summary>
    private static bool Wildcard(string pattern, string text, char? segmentSeparator)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = ++p;
                mark = t;
            }
            else if (p < pattern.Length && Single(pattern, ref p, text[t], segmentSeparator))
            {
                t++;
            }
            else if (star >= 0 && text[mark] != segmentSeparator)
            {
                p = star;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Whether the pattern element at <paramref name="p"/> matches one character; advances past it when it does.</summary>
    private static bool Single(string pattern, ref int p, char c, char? segmentSeparator)
    {
        if (pattern[p] == '?')
        {
            if (c == segmentSeparator)
            {
                return false;
            }

            p++;
            return true;
        }

        var literal = pattern[p] == '\\' && p + 1 < pattern.Length ? pattern[p + 1] : pattern[p];
        if (literal != c)
        {
            return false;
        }

        p += pattern[p] == '\\' && p + 1 < pattern.Length ? 2 : 1;
        return true;
    }

    /// <summary>A pattern that matches exactly this text.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
