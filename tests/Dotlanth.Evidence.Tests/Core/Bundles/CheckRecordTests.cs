using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Bundles;

public sealed class CheckRecordTests
{
    private const string Unit1 = """{"name":"unit","attempt":1,"seq":3,"status":"failed","required":true,"exit_code":1,"duration_ms":40,"argv":["pytest"]}""";
    private const string Unit2 = """{"name":"unit","attempt":2,"seq":5,"status":"passed","required":true,"exit_code":0,"duration_ms":35,"argv":["pytest"]}""";
    private const string Lint = """{"name":"lint","attempt":1,"seq":7,"status":"passed","required":false,"exit_code":0,"duration_ms":9,"argv":["ruff","check"]}""";

    [Fact]
    public void Records_are_read_typed_and_a_torn_or_mistyped_line_is_no_record()
    {
        using var bundle = new TempFolder();
        const string Mistyped = """{"name":"x","attempt":"one","seq":9,"status":"passed","required":true,"exit_code":0,"duration_ms":1}""";
        File.WriteAllText(Path.Combine(bundle.Path, BundleLayout.Checks), $"{Unit1}\n{Mistyped}\n{Lint}\n{{\"name\":\"torn\",\"att");

        var records = CheckRecord.Read(bundle.Path);

        Assert.Equal(["unit", "lint"], records.Select(r => r.Name));
        Assert.Equal((1, 3L, "failed", true, 1, 40L), (records[0].Attempt, records[0].Seq, records[0].Status, records[0].Required, records[0].ExitCode, records[0].DurationMs));
        Assert.False(records[1].Required);
        Assert.Equal("ruff", (string)records[1].Json["argv"]![0]!);
    }

    [Fact]
    public void The_latest_attempt_of_each_check_is_the_one_judged()
    {
        using var bundle = new TempFolder();
        File.WriteAllText(Path.Combine(bundle.Path, BundleLayout.Checks), $"{Unit2}\n{Lint}\n{Unit1}\n");

        var latest = LatestChecks.Of(bundle.Path);

        Assert.Equal(2, latest.Count);
        Assert.Equal("passed", (string)latest["unit"][BundleFields.Status]!);
        Assert.Equal(2, (int)latest["unit"][BundleFields.Attempt]!);
    }

    [Fact]
    public void A_bundle_without_checks_has_none()
    {
        using var bundle = new TempFolder();

        Assert.Empty(CheckRecord.Read(bundle.Path));
        Assert.Empty(LatestChecks.Of(bundle.Path));
    }
}
