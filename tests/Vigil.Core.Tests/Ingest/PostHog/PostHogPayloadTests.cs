using System.Text;
using System.Web;
using Vigil.Core.Ingest.PostHog;

namespace Vigil.Core.Tests.Ingest.PostHog;

public sealed class PostHogPayloadTests
{
    // Chosen so that its base64 holds a '+', which form decoding turns into a space.
    private const string Events = """[{"event":"$pageview","properties":{"token":"phc_project","distinct_id":"u>>>","$current_url":"https://shop.example/?q=~~~"}}]""";

    private static readonly string Base64Events = Convert.ToBase64String(Encoding.UTF8.GetBytes(Events));

    [Fact]
    public void Unwrap_PlainJson_IsTheJsonItself()
    {
        var unwrapped = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes(Events), isForm: false, compression: null);

        Assert.Null(unwrapped.Problem);
        Assert.Equal(Events, Encoding.UTF8.GetString(unwrapped.Json.Span));
    }

    [Fact]
    public void Unwrap_Base64Body_IsDecoded()
    {
        var unwrapped = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes(Base64Events), isForm: false, compression: "base64");

        Assert.Equal(Events, Encoding.UTF8.GetString(unwrapped.Json.Span));
    }

    [Fact]
    public void Unwrap_PostHogJsFormWithBase64Data_IsDecoded()
    {
        // posthog-js with compression=base64: data=<encodeURIComponent(base64)>.
        var form = "data=" + Uri.EscapeDataString(Base64Events);

        var unwrapped = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes(form), isForm: true, compression: "base64");

        Assert.Equal(Events, Encoding.UTF8.GetString(unwrapped.Json.Span));
    }

    [Fact]
    public void Unwrap_FormWhoseBase64PlusWasNotEscaped_RestoresThePlus()
    {
        Assert.Contains('+', Base64Events);
        var form = "compression=base64&data=" + Base64Events;

        var unwrapped = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes(form), isForm: true, compression: null);

        Assert.Equal(Events, Encoding.UTF8.GetString(unwrapped.Json.Span));
    }

    [Fact]
    public void Unwrap_FormWithJsonData_IsTheJson()
    {
        var form = "data=" + HttpUtility.UrlEncode(Events);

        var unwrapped = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes(form), isForm: true, compression: null);

        Assert.Equal(Events, Encoding.UTF8.GetString(unwrapped.Json.Span));
    }

    [Fact]
    public void Unwrap_PostHogJsFormWithLz64Data_IsDecompressed()
    {
        // posthog-js with compression=lz64: data=<encodeURIComponent(LZString.compressToBase64(json))>; made by lz-string 1.5.0.
        const string json = """[{"event":"$pageview","properties":{"token":"vgi_test","distinct_id":"user-1","$current_url":"https://shop.example/pricing"},"timestamp":"2026-11-21T09:00:00.000Z"}]""";
        const string lz64 = "NobwRApgbhB2AuYBcYAkAHAhgc2gSwgHcwAaMdAJwHt0IL4CBnZceKgazmTCmzwH14ERojIATPCLywAxvH54x3AK6M6AWgCMpNDOUUKcefoA23ABbx46RkgD0dxuZoA6CAA9MAW3QmIdyjwZaWwwAF8yBi9heG90bgAmAAYEgDYtTXUEzQAVJIBOJCSkoqSXYqSALXCAXSA=";

        var escaped = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes("data=" + Uri.EscapeDataString(lz64)), isForm: true, compression: "lz64");
        var unescaped = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes("compression=lz64&data=" + lz64), isForm: true, compression: null);
        var queryParameter = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes(lz64), isForm: false, compression: "lz64");

        Assert.All([escaped, unescaped, queryParameter], unwrapped => Assert.Equal(json, Encoding.UTF8.GetString(unwrapped.Json.Span)));
    }

    [Fact]
    public void Read_Lz64DecompressingPastTheRequestLimit_IsTooLarge()
    {
        var bomb = LzStringTests.RunOf2MebibytesOfA();

        using var document = PostHogPayload.Read(Encoding.UTF8.GetBytes(bomb), isForm: false, compression: "lz64", out var problem, out var tooLarge);

        Assert.Null(document);
        Assert.True(tooLarge);
        Assert.Equal("body", problem?.Field);
    }

    [Theory]
    [InlineData("ver=1.200.0", true, null, "data")]
    [InlineData("N4Ig*gpgtgzg", false, "lz64", "body")]
    [InlineData("data=N4IgLgpgtgzg&compression=lz64", true, null, "data")]
    [InlineData("hello, world", false, null, "body")]
    [InlineData("data=%%%", true, null, "data")]
    public void Unwrap_UnusablePayload_IsAProblemNamingTheField(string payload, bool isForm, string? compression, string field)
    {
        var unwrapped = PostHogPayload.Unwrap(Encoding.UTF8.GetBytes(payload), isForm, compression);

        Assert.Equal(field, unwrapped.Problem?.Field);
        Assert.False(string.IsNullOrWhiteSpace(unwrapped.Problem?.Detail));
    }

    [Fact]
    public void Read_JsonThatDoesNotParse_IsAProblemNamingTheBody()
    {
        using var document = PostHogPayload.Read(Encoding.UTF8.GetBytes("""{"event":"""), isForm: false, compression: null, out var problem, out _);

        Assert.Null(document);
        Assert.Equal("body", problem?.Field);
    }

    [Fact]
    public void Read_Base64Json_IsTheDocument()
    {
        using var document = PostHogPayload.Read(Encoding.UTF8.GetBytes(Base64Events), isForm: false, compression: null, out var problem, out _);

        Assert.Null(problem);
        Assert.Equal("$pageview", document!.RootElement[0].GetProperty("event").GetString());
    }
}
