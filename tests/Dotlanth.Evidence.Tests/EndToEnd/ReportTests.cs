using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class ReportTests
{
    [Fact]
    public void The_report_renders_in_a_real_browser_with_the_outcome_checks_output_and_diff()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/app.txt", "line one\nline <two>\n");
        EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "sh", "-c", "echo 'token=ghp_0123456789abcdefghijABCDEFGHIJ012345'; echo '<b>not markup</b>' >&2; exit 3");
        var report = repo.Combine("failure.html");

        var result = EvidenceCli.Run(repo.Path, "report", "last-failed", "-o", report);

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(report);
        Assert.DoesNotContain("ghp_", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        var dom = Chromium.DumpDom(report);
        Assert.Contains("<span id=\"outcome\">FAILED</span>", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;not markup&lt;/b&gt;", dom, StringComparison.Ordinal);
        Assert.Contains("<span class=\"add\">+line &lt;two&gt;</span>", dom, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:github-pat:", dom, StringComparison.Ordinal);
        Assert.Contains("EVD0208", dom, StringComparison.Ordinal);
        // The banner is drawn in the failure colour (#cf222e), the page body in white.
        var shot = Chromium.Screenshot(report, 1000, 700);
        AssertColor((0xcf, 0x22, 0x2e), shot.Pixel(5, 5));
        AssertColor((0xff, 0xff, 0xff), shot.Pixel(995, 690));
    }

    [Fact]
    public void A_verified_run_gets_a_green_banner()
    {
        using var repo = TempRepo.Create();
        EvidenceCli.Run(repo.Path, "run", "--", "true");

        var result = EvidenceCli.Run(repo.Path, "report", "last");

        Assert.Equal(0, result.ExitCode);
        // Without -o the page goes into the store, never into the work tree (where the next run's diff would see it).
        Assert.DoesNotContain(Directory.GetFiles(repo.Path, "*.html", SearchOption.AllDirectories), f => !f.StartsWith(repo.Combine(".evidence"), StringComparison.Ordinal));
        var report = Directory.GetFiles(repo.Combine(".evidence", "reports"), "*.html").Single();
        Assert.Equal(string.Empty, Processes.Git(repo.Path, "status", "--porcelain", "--untracked-files=all"));
        AssertColor((0x1a, 0x7f, 0x37), Chromium.Screenshot(report, 800, 400).Pixel(5, 5));
    }

    private static void AssertColor((int R, int G, int B) expected, (byte R, byte G, byte B) actual) =>
        Assert.True(
            Math.Abs(expected.R - actual.R) <= 6 && Math.Abs(expected.G - actual.G) <= 6 && Math.Abs(expected.B - actual.B) <= 6,
            $"expected rgb{expected} but the rendered pixel is rgb{actual}");
}
