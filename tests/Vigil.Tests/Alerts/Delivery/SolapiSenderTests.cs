using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;

namespace Vigil.Tests.Alerts.Delivery;

/// <summary>SMS and KakaoTalk Alimtalk through a stand-in for Solapi that checks every request's signature itself.</summary>
public sealed partial class SolapiSenderTests
{
    private const string ApiKey = "NCSTESTKEY";
    private const string ApiSecret = "TESTSECRETTESTSECRETTESTSECRET12";
    private const string Accepted = """{"failedMessageList":[],"groupInfo":{"groupId":"G4V1","count":{"total":2,"registeredFailed":0}}}""";

    [Fact]
    public async Task SendAsync_Sms_SignsWithHmacAndSendsOneShortTextPerNormalisedNumber()
    {
        await using var solapi = await HttpReceiver.StartAsync(request => VerifySignature(request) ? (200, Accepted) : (401, """{"errorCode":"SignatureDoesNotMatch"}"""));
        using var senders = SomeNotification.Senders(Solapi(solapi));
        var destination = new Destination(ChannelKind.Sms, "oncall", ["010-1234-5678", "+82 10-9876-5432"]);
        var message = SomeNotification.Message(SomeNotification.SlowResponse(), SomeNotification.ServiceDown());

        await senders.Sender(ChannelKind.Sms).SendAsync(destination, message, "delivery-1", CancellationToken.None);

        var request = solapi.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/messages/v4/send-many/detail", request.Path);
        Assert.True(VerifySignature(request));
        var messages = JsonNode.Parse(request.BodyText)!["messages"]!.AsArray();
        Assert.Equal(["01012345678", "01098765432"], messages.Select(item => (string)item!["to"]!));
        Assert.All(messages, item => Assert.Equal("0212345678", (string?)item!["from"]));
        Assert.Equal(
            "[Vigil] Shop: FIRING:2\n" +
            "- Service Down (critical): health != up, 503, for 6 min\n" +
            "- Slow Response (warning): p95_response_time > 3s, 3,420 ms, for 12 min\n" +
            SomeNotification.DashboardUrl,
            (string?)messages[0]!["text"]);
        Assert.DoesNotContain("🔴", request.BodyText);
    }

    [Fact]
    public async Task SendAsync_Alimtalk_SendsTemplateAndVariablesPerNumber()
    {
        await using var solapi = await HttpReceiver.StartAsync(request => VerifySignature(request) ? (200, Accepted) : (401, """{"errorCode":"SignatureDoesNotMatch"}"""));
        var options = Solapi(solapi);
        options.Solapi.KakaoChannelId = "KA01PF2403";
        options.Solapi.KakaoTemplateId = "KA01TP2403ALERT";
        using var senders = SomeNotification.Senders(options);
        var destination = new Destination(ChannelKind.Alimtalk, "oncall", ["010-1234-5678"]);

        await senders.Sender(ChannelKind.Alimtalk).SendAsync(
            destination, SomeNotification.Message(SomeNotification.ServiceDown(NoticeState.Resolved)), "delivery-1", CancellationToken.None);

        var request = solapi.Single;
        Assert.True(VerifySignature(request));
        var sent = Assert.Single(JsonNode.Parse(request.BodyText)!["messages"]!.AsArray())!;
        Assert.Equal("01012345678", (string?)sent["to"]);
        var kakao = sent["kakaoOptions"]!;
        Assert.Equal("KA01PF2403", (string?)kakao["pfId"]);
        Assert.Equal("KA01TP2403ALERT", (string?)kakao["templateId"]);
        var expected = JsonNode.Parse($$"""
            {
              "#{project}": "Shop",
              "#{status}": "RESOLVED",
              "#{alert}": "Service Down",
              "#{detail}": "- Service Down resolved after 4 min",
              "#{dashboard}": "{{SomeNotification.DashboardUrl}}"
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, kakao["variables"]), kakao["variables"]!.ToJsonString());
    }

    [Fact]
    public async Task SendAsync_SolapiRefusesSomeMessages_CountsAsSent()
    {
        await using var solapi = await HttpReceiver.StartAsync(_ => (200, """
            {"failedMessageList":[{"to":"01000000000","statusCode":"1062","statusMessage":"invalid recipient"}],"groupInfo":{"count":{"total":2}}}
            """));
        using var senders = SomeNotification.Senders(Solapi(solapi));

        await senders.Sender(ChannelKind.Sms).SendAsync(
            new Destination(ChannelKind.Sms, "oncall", ["010-1234-5678", "010-0000-0000"]), SomeNotification.Message(), "delivery-1", CancellationToken.None);

        Assert.Single(solapi.Requests);
    }

    [Fact]
    public async Task SendAsync_SolapiRefusesEveryMessage_FailsPermanentlyWithItsReason()
    {
        await using var solapi = await HttpReceiver.StartAsync(_ => (200, """
            {"failedMessageList":[{"to":"01000000000","statusCode":"1062","statusMessage":"invalid recipient"}],"groupInfo":{"count":{"total":1}}}
            """));
        using var senders = SomeNotification.Senders(Solapi(solapi));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => senders.Sender(ChannelKind.Sms).SendAsync(
            new Destination(ChannelKind.Sms, "oncall", ["010-0000-0000"]), SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Contains("invalid recipient", failure.Message);
    }

    [Theory]
    [InlineData("010-12")]
    [InlineData("+1 415 555 0100")]
    [InlineData("phone")]
    public async Task SendAsync_MalformedNumber_FailsPermanentlyBeforeSendingToAnyone(string number)
    {
        await using var solapi = await HttpReceiver.StartAsync(_ => (200, Accepted));
        using var senders = SomeNotification.Senders(Solapi(solapi));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => senders.Sender(ChannelKind.Sms).SendAsync(
            new Destination(ChannelKind.Sms, "oncall", ["010-1234-5678", number]), SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Empty(solapi.Requests);
    }

    [Fact]
    public async Task SendAsync_AlimtalkWithoutTemplate_FailsPermanentlyNamingTheSettings()
    {
        await using var solapi = await HttpReceiver.StartAsync(_ => (200, Accepted));
        using var senders = SomeNotification.Senders(Solapi(solapi));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => senders.Sender(ChannelKind.Alimtalk).SendAsync(
            new Destination(ChannelKind.Alimtalk, "oncall", ["010-1234-5678"]), SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Contains("__KakaoTemplateId", failure.Message);
        Assert.Empty(solapi.Requests);
    }

    internal static NotificationOptions Solapi(HttpReceiver solapi) => new()
    {
        Solapi = new SolapiOptions { ApiKey = ApiKey, ApiSecret = ApiSecret, From = "02-1234-5678", BaseUrl = solapi.Url },
    };

    /// <summary>
    /// Solapi's check, written from its documentation: the header names the key, an ISO 8601 date near now and a salt,
    /// and the signature is the hex HMAC-SHA256 of date + salt keyed with the secret only the account holder knows.
    /// </summary>
    internal static bool VerifySignature(ReceivedRequest request)
    {
        var match = AuthorizationHeader().Match(request.Header("Authorization") ?? "");
        if (!match.Success || match.Groups["key"].Value != ApiKey || match.Groups["salt"].Value.Length < 12)
        {
            return false;
        }
        var date = match.Groups["date"].Value;
        if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || (signedAt - SomeNotification.Now).Duration() > TimeSpan.FromMinutes(15))
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiSecret), Encoding.UTF8.GetBytes(date + match.Groups["salt"].Value));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(match.Groups["signature"].Value));
    }

    [GeneratedRegex("^HMAC-SHA256 apiKey=(?<key>[^,]+), date=(?<date>[^,]+), salt=(?<salt>[0-9a-zA-Z]+), signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationHeader();
}
