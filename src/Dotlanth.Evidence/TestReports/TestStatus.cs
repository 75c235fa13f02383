namespace Dotlanth.Evidence.TestReports;

/// <summary>A test case's final status in tests.jsonl. A case that passed only after failing is <c>passed</c> with retries (flaky).</summary>
public static class TestStatus
{
    public const string Passed = "passed";
    public const string Failed = "failed";

    /// <summary>The test could not run to a verdict: an error outside its assertions, a timeout, an aborted host.</summary>
    public const string Error = "error";
    public const string Skipped = "skipped";

    public static bool IsFailing(string status) => status is Failed or Error;
}
