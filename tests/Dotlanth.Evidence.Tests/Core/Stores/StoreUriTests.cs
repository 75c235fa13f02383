using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Stores;

namespace Dotlanth.Evidence.Tests.Core.Stores;

public sealed class StoreUriTests
{
    [Fact]
    public void An_s3_uri_carries_bucket_prefix_and_settings_and_prints_without_them()
    {
        var uri = StoreUri.Parse("s3://team-evidence/ci/main/?endpoint=http%3A%2F%2F127.0.0.1%3A9000&region=eu-west-1&path_style=true&profile=ci&timeout=30s&retries=7", "/work");

        Assert.True(uri.IsRemote);
        Assert.Equal("team-evidence", uri.Bucket);
        Assert.Equal("ci/main/", uri.Prefix);
        Assert.Equal("http://127.0.0.1:9000", uri.Endpoint);
        Assert.Equal("eu-west-1", uri.Region);
        Assert.True(uri.PathStyle);
        Assert.Equal("ci", uri.Profile);
        Assert.Equal(TimeSpan.FromSeconds(30), uri.Timeout);
        Assert.Equal(7, uri.Retries);
        Assert.Equal("s3://team-evidence/ci/main", uri.ToString());
        Assert.Equal(string.Empty, StoreUri.Parse("s3://team-evidence", "/").Prefix);
    }

    [Fact]
    public void A_path_is_a_folder_store()
    {
        var uri = StoreUri.Parse("../shared/evidence", "/work/repo");

        Assert.False(uri.IsRemote);
        Assert.Equal("/work/shared/evidence", uri.FolderPath);
    }

    [Theory]
    [InlineData("s3://Upper_Case/x", "is not a bucket name")]
    [InlineData("s3://ab/x", "is not a bucket name")]
    [InlineData("s3://bucket-name/a//b", "empty, '.' or '..' segment")]
    [InlineData("s3://bucket-name/../b", "empty, '.' or '..' segment")]
    [InlineData("s3://bucket-name/x?colour=blue", "unknown setting 'colour'")]
    [InlineData("s3://bucket-name/x?timeout=soon", "timeout 'soon' is not a duration")]
    [InlineData("s3://bucket-name/x?retries=99", "retries '99' is not a number from 0 to 20")]
    [InlineData("s3://bucket-name/x?path_style=maybe", "path_style 'maybe' is not true or false")]
    [InlineData("s3://bucket-name/x?endpoint=ftp://host", "not an http(s) URL")]
    [InlineData("gs://bucket-name/x", "only folders and s3:// stores")]
    public void A_bad_uri_is_one_error_saying_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<EvidenceException>(() => StoreUri.Parse(text, "/")).Error;

        Assert.Equal(Codes.StoreUriInvalid, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://AKIAEXAMPLE:topsecretvalue@bucket-name/x")]
    [InlineData("s3://bucket-name/x?endpoint=http://user:topsecretvalue@host:9000")]
    public void Credentials_in_a_uri_are_refused_without_repeating_them(string text)
    {
        var error = Assert.Throws<EvidenceException>(() => StoreUri.Parse(text, "/")).Error;

        Assert.Equal(Codes.StoreUriInvalid, error.Code);
        Assert.DoesNotContain("topsecretvalue", error.ToLine(), StringComparison.Ordinal);
    }
}
