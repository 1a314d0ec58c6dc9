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

    [Theory]
    [InlineData("ver=1.200.0", true, null, "data")]
    [InlineData("N4IgLgpgtgzg", false, "lz64", "compression")]
    [InlineData("data=N4IgLgpgtgzg&compression=lz64", true, null, "compression")]
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
        using var document = PostHogPayload.Read(Encoding.UTF8.GetBytes("""{"event":"""), isForm: false, compression: null, out var problem);

        Assert.Null(document);
        Assert.Equal("body", problem?.Field);
    }

    [Fact]
    public void Read_Base64Json_IsTheDocument()
    {
        using var document = PostHogPayload.Read(Encoding.UTF8.GetBytes(Base64Events), isForm: false, compression: null, out var problem);

        Assert.Null(problem);
        Assert.Equal("$pageview", document!.RootElement[0].GetProperty("event").GetString());
    }
}
