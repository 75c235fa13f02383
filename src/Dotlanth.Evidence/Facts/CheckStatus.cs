
namespace Dotlanth.Evidence.Facts;

public static class CheckStatus
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string TimedOut = "timed_out";
    public const string Cancelled = "cancelled";
    public const string Blocked = "blocked";
}
