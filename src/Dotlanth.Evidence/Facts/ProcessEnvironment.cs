using System.Collections;

namespace Dotlanth.Evidence.Facts;

public static class ProcessEnvironment
{
    public static Dictionary<string, string> Read()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return result;
    }
}
