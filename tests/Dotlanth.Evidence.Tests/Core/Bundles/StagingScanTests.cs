using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Bundles;

public sealed class StagingScanTests
{
    [Fact]
    public void A_secret_that_slipped_past_a_sink_is_masked_before_sealing_and_reported()
    {
        using var folder = new TempFolder();
        var redactor = Redactor.Create(new Dictionary<string, string>());
        var bundle = BundleWriter.Open(folder.Path, redactor, DateTimeOffset.UtcNow);
        // Written straight to disk, bypassing the redactor, as a buggy sink would.
        File.WriteAllText(bundle.PathOf("stdout/raw_1.txt"), "oops ghp_0123456789abcdefghijABCDEFGHIJ012345\n");
        File.WriteAllText(bundle.PathOf("stderr/raw_1.txt"), "clean\n");

        var errors = StagingScan.Rescan(bundle);

        var error = Assert.Single(errors);
        Assert.Equal("EVD0401", error.Code);
        Assert.Equal("stdout/raw_1.txt", error.Where);
        Assert.DoesNotContain("ghp_", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"^oops \[REDACTED:github-pat:[0-9a-f]{8}\]\n$", File.ReadAllText(bundle.PathOf("stdout/raw_1.txt")));
        Assert.Equal("clean\n", File.ReadAllText(bundle.PathOf("stderr/raw_1.txt")));
        Assert.Empty(Directory.GetFiles(bundle.StagingPath, "*.rescan", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_scan_never_takes_a_staged_file_for_its_scratch_copy()
    {
        using var folder = new TempFolder();
        var bundle = BundleWriter.Open(folder.Path, Redactor.Create(new Dictionary<string, string>()), DateTimeOffset.UtcNow);
        // A name that the scan's scratch copy of trace.jsonl once had: it was overwritten, then deleted, then read.
        File.WriteAllText(bundle.PathOf("trace.jsonl"), "{}\n");
        File.WriteAllText(bundle.PathOf("trace.jsonl.rescan"), "a file of the run\n");

        Assert.Empty(StagingScan.Rescan(bundle));

        Assert.Equal("{}\n", File.ReadAllText(bundle.PathOf("trace.jsonl")));
        Assert.Equal("a file of the run\n", File.ReadAllText(bundle.PathOf("trace.jsonl.rescan")));
        Assert.False(File.Exists(bundle.PathOf(".rescan")));
    }
}
