using System.Diagnostics;
using System.Globalization;

namespace Dotlanth.Evidence.Diagnostics;

/// <summary>
/// Where a command's time goes, for whoever asks: with <c>EVIDENCE_TRACE_PERFORMANCE=1</c> (as git's
/// <c>GIT_TRACE_PERFORMANCE</c>) each phase prints its duration to stderr, the first one counted from the process's
/// start. Nothing of it goes into a bundle, and when the variable is unset a mark costs one branch.
/// </summary>
public static class PerformanceTrace
{
    public const string Variable = "EVIDENCE_TRACE_PERFORMANCE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value && value != "0";
    private static readonly Lock Gate = new();
    private static long _last = Enabled ? StartOfProcess() : 0;

    public static bool IsEnabled => Enabled;

    /// <summary>Ends a phase: prints how long it took since the last mark (from the process's start for the first).</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        lock (Gate)
        {
            var now = Stopwatch.GetTimestamp();
            var took = Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds;
            _last = now;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dotnet-evidence: performance: {phase,-32} {took,8:F1} ms"));
        }
    }

    /// <summary>The process's start on the stopwatch's clock: exec and the runtime's start-up count as the first phase.</summary>
    private static long StartOfProcess()
    {
        try
        {
            var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
            return Stopwatch.GetTimestamp() - (long)(sinceStart.TotalSeconds * Stopwatch.Frequency);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return Stopwatch.GetTimestamp();
        }
    }
}
