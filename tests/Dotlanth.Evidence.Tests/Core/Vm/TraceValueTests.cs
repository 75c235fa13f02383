using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Tests.Core.Vm;

/// <summary>Large strings and bytes enter the trace bounded: a head, the size and the sha256 of the whole.</summary>
public sealed class TraceValueTests
{
    [Fact]
    public void A_value_at_the_limit_is_kept_whole_and_one_byte_more_is_bounded()
    {
        var atLimit = new byte[ValueJson.MaxWholeBytes];
        var over = new byte[ValueJson.MaxWholeBytes + 1];
        Random.Shared.NextBytes(over);

        var whole = ValueJson.ToJson(Value.Of(atLimit))!;
        var bounded = ValueJson.FindBounded(ValueJson.ToJson(Value.Of(over)))!;

        Assert.Equal(atLimit.Length, Convert.FromBase64String((string)whole["$bytes"]!).Length);
        Assert.Null(ValueJson.FindBounded(whole));
        Assert.Equal("bytes", (string?)bounded["type"]);
        Assert.Equal(over.Length, (int)bounded["bytes"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(over)), (string?)bounded["sha256"]);
        Assert.Equal(ValueJson.MaxWholeBytes, (int)bounded["limit"]!);
        Assert.Equal(over[..ValueJson.HeadBytes], Convert.FromBase64String((string)bounded["head"]!));
    }

    [Fact]
    public void A_string_is_cut_on_a_character_boundary()
    {
        // 'é' is two bytes in UTF-8, so byte 4096 falls inside one after an odd-length prefix.
        var text = "x" + string.Concat(Enumerable.Repeat("é", ValueJson.MaxWholeBytes));

        var bounded = ValueJson.FindBounded(ValueJson.ToJson(Value.Of(text)))!;
        var head = (string)bounded["head"]!;

        Assert.Equal("string", (string?)bounded["type"]);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), (int)bounded["bytes"]!);
        Assert.StartsWith(head, text, StringComparison.Ordinal);
        Assert.Equal(ValueJson.HeadBytes - 1, Encoding.UTF8.GetByteCount(head));
    }

    [Fact]
    public void A_secret_across_the_cut_is_masked_before_the_string_is_cut()
    {
        const string secret = "ghp_abcdefghijklmnop1234";
        var redactor = Redactor.Create(new Dictionary<string, string> { ["GITHUB_TOKEN"] = secret });
        var text = new string('a', ValueJson.HeadBytes - 10) + secret + new string('b', ValueJson.MaxWholeBytes);

        var bounded = ValueJson.FindBounded(ValueJson.ToJson(Value.Of(text), redactor))!;
        var head = (string)bounded["head"]!;

        Assert.DoesNotContain("ghp_abcdef", head, StringComparison.Ordinal);
        Assert.Contains("[REDACTED", head, StringComparison.Ordinal);
        var redacted = redactor.Redact(text);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(redacted))), (string?)bounded["sha256"]);
    }

    [Fact]
    public void Every_large_element_of_a_list_is_bounded_and_a_bounded_value_is_never_read_back_as_whole()
    {
        var big = new string('z', ValueJson.MaxWholeBytes + 1);
        var json = ValueJson.ToJson(Value.Of([Value.Of("small"), Value.Of(big)]), Redactor.Create(new Dictionary<string, string>()));

        var list = Assert.IsType<JsonArray>(json);
        Assert.Equal("small", (string?)list[0]);
        Assert.NotNull(ValueJson.FindBounded(list));
        Assert.Throws<FormatException>(() => ValueJson.FromJson(json));
    }
}
