namespace Dotlanth.Evidence.Tests.Support;

/// <summary>Headless Chromium (Debian's package, installed by .ci/run) rendering a page for real.</summary>
public static class Chromium
{
    public static string Program { get; } = Environment.GetEnvironmentVariable("EVIDENCE_CHROMIUM") is { Length: > 0 } path ? path : "chromium";

    /// <summary>The DOM after Chromium parsed and laid out the page.</summary>
    public static string DumpDom(string htmlPath) =>
        Run(htmlPath, "--dump-dom").Stdout;

    public static Png Screenshot(string htmlPath, int width, int height)
    {
        var png = htmlPath + ".png";
        Run(htmlPath, $"--screenshot={png}", $"--window-size={width},{height}");
        return Png.Read(png);
    }

    private static ProcessResult Run(string htmlPath, params string[] args)
    {
        ProcessResult result;
        try
        {
            result = Processes.Run(Program, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", .. args, new Uri(htmlPath).AbsoluteUri], Path.GetDirectoryName(htmlPath)!, timeoutSeconds: 120);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Chromium is needed to render the report ('{Program}': {ex.Message}); install Debian's 'chromium' package (.ci/run does) or set EVIDENCE_CHROMIUM.", ex);
        }

        Assert.True(result.ExitCode == 0, $"chromium failed ({result.ExitCode}): {result.Stderr}");
        return result;
    }
}
