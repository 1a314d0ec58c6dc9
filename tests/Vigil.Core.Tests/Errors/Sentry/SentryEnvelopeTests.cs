using System.Text;
using Vigil.Core.Errors.Sentry;

namespace Vigil.Core.Tests.Errors.Sentry;

public sealed class SentryEnvelopeTests
{
    [Fact]
    public void Parse_ItemsWithAndWithoutLength_SplitsEachPayload()
    {
        // An attachment's bytes may hold newlines: its length says where it ends. The event runs to the newline.
        var envelope = Parse("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"dsn\":\"https://key@vigil.example/42\"}\n"
            + "{\"type\":\"attachment\",\"length\":10,\"filename\":\"log.txt\"}\nline 1\nl2\n\n"
            + "{\"type\":\"event\"}\n{\"message\":\"hello\"}\n");

        Assert.Equal(("9ec79c33ec9942ab8353589fcb2e04dc", "https://key@vigil.example/42"), (envelope.EventId, envelope.Dsn));
        Assert.Equal(["attachment", "event"], envelope.Items.Select(item => item.Type));
        Assert.Equal(["line 1\nl2\n", "{\"message\":\"hello\"}"], envelope.Items.Select(item => Encoding.UTF8.GetString(item.Payload.Span)));
    }

    [Fact]
    public void Parse_LastPayloadWithoutNewlineAndEmptyHeader_Read()
    {
        var envelope = Parse("{}\n{\"type\":\"session\",\"length\":2}\n{}\n{\"type\":\"client_report\"}\n{\"discarded_events\":[]}");

        Assert.Null(envelope.EventId);
        Assert.Equal(["session", "client_report"], envelope.Items.Select(item => item.Type));
        Assert.Equal("{\"discarded_events\":[]}", Encoding.UTF8.GetString(envelope.Items[1].Payload.Span));
    }

    [Fact]
    public void Parse_HeaderOnly_NoItems()
    {
        Assert.Empty(Parse("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n").Items);
    }

    [Theory]
    [InlineData("not json\n{\"type\":\"event\"}\n{}", "header")]
    [InlineData("[1]\n", "header")]
    [InlineData("{\"dsn\":5}\n", "header.dsn")]
    [InlineData("{}\n{\"type\":\"event\"\n{}", "items[0]")]
    [InlineData("{}\n{\"length\":2}\n{}", "items[0].type")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":-1}\n{}", "items[0].length")]
    [InlineData("{}\n{\"type\":\"event\",\"length\":\"2\"}\n{}", "items[0].length")]
    [InlineData("{}\n{\"type\":\"attachment\",\"length\":50}\nshort", "items[0].length")]
    [InlineData("{}\n{\"type\":\"attachment\",\"length\":2}\nlonger than two\n", "items[0].length")]
    [InlineData("{}\n{\"type\":\"session\"}\n{}\n\n{\"type\":\"event\"}\n{}", "items[1]")]
    public void Parse_Malformed_RefusedNamingThePart(string body, string field)
    {
        var envelope = SentryEnvelope.Parse(Encoding.UTF8.GetBytes(body), out var problem);

        Assert.Null(envelope);
        Assert.Equal(field, problem?.Field);
        Assert.False(problem!.TooLarge);
    }

    [Fact]
    public void Parse_LengthPastTheEnd_SaysHowMuchRemains()
    {
        SentryEnvelope.Parse("{}\n{\"type\":\"attachment\",\"length\":50}\nshort"u8.ToArray(), out var problem);

        Assert.Equal("Item 0 declares 50 bytes, but only 5 remain in the envelope.", problem?.Detail);
    }

    private static SentryEnvelope Parse(string body)
    {
        var envelope = SentryEnvelope.Parse(Encoding.UTF8.GetBytes(body), out var problem);
        Assert.True(envelope is not null, problem?.Detail);
        return envelope;
    }
}
