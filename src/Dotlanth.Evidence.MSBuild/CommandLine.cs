using System.Text;

namespace Dotlanth.Evidence.MSBuild;

/// <summary>
/// One command line from an argv, quoted the way .NET splits a process's arguments string back into argv (the rules of
/// CommandLineToArgvW, which ToolTask's process start uses on every platform): each argument arrives exactly as given.
/// </summary>
internal static class CommandLine
{
    public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '\n', '\v', '"']) < 0)
        {
            return argument;
        }

        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            // Backslashes are literal unless a quote follows them: then each is doubled, and the quote escaped.
            quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }

        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
