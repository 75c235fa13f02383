namespace Dotlanth.Evidence.TestReports;

/// <summary>What reading one report gave: its format (null when unrecognised), the totals of the cases read, and why it stopped early.</summary>
public sealed record ReportReading(string? Format, TestTotals Totals, string? Error)
{
    public bool Complete => Error is null;
}
