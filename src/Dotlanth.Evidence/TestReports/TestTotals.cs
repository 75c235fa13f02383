namespace Dotlanth.Evidence.TestReports;

/// <summary>Counts of test cases by status, summed as cases are read.</summary>
public sealed class TestTotals
{
    public long Total { get; private set; }

    public long Passed { get; private set; }

    public long Failed { get; private set; }

    public long Errors { get; private set; }

    public long Skipped { get; private set; }

    public long Flaky { get; private set; }

    /// <summary>Sum of the known durations; <see cref="UnknownDurations"/> says how many cases had none.</summary>
    public long DurationMs { get; private set; }

    public long UnknownDurations { get; private set; }

    public void Add(TestCase testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        Total++;
        switch (testCase.Status)
        {
            case TestStatus.Passed:
                Passed++;
                break;
            case TestStatus.Failed:
                Failed++;
                break;
            case TestStatus.Error:
                Errors++;
                break;
            default:
                Skipped++;
                break;
        }

        if (testCase.Flaky)
        {
            Flaky++;
        }

        if (testCase.DurationMs is { } ms)
        {
            DurationMs += ms;
        }
        else
        {
            UnknownDurations++;
        }
    }

    public void Add(TestTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        (Total, Passed, Failed, Errors, Skipped, Flaky) = (Total + other.Total, Passed + other.Passed, Failed + other.Failed, Errors + other.Errors, Skipped + other.Skipped, Flaky + other.Flaky);
        (DurationMs, UnknownDurations) = (DurationMs + other.DurationMs, UnknownDurations + other.UnknownDurations);
    }
}
