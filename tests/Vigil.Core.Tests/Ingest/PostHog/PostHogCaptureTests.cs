using System.Text.Json;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.PostHog;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Ingest.PostHog;

public sealed class PostHogCaptureTests
{
    // Payloads shaped as PostHog's capture docs and SDKs send them; the server's clock is Some.Now, 2026-11-21T12:00:00Z.

    /// <summary>posthog-node's flush: POST /batch/ with the key, the events and when it sent them.</summary>
    private const string PostHogNodeBatch = """
        {"api_key":"phc_project","batch":[
          {"distinct_id":"user-1","event":"$pageview","properties":{"$current_url":"https://shop.example/pricing","$lib":"posthog-node","$lib_version":"5.70.0","$geoip_disable":true},"timestamp":"2026-11-21T11:59:50.000Z","uuid":"0193a7b4-0000-7000-8000-000000000001"},
          {"distinct_id":"user-1","event":"$identify","properties":{"$set":{"email":"ada@example.com","plan":"Pro"},"$lib":"posthog-node","$lib_version":"5.70.0"},"timestamp":"2026-11-21T11:59:55.000Z","uuid":"0193a7b4-0000-7000-8000-000000000002"},
          {"distinct_id":"user-1","event":"signup","properties":{"plan":"Pro","$lib":"posthog-node","$lib_version":"5.70.0"},"timestamp":"2026-11-21T11:59:58.000Z","uuid":"0193a7b4-0000-7000-8000-000000000003"}
        ],"sent_at":"2026-11-21T12:00:00.000Z"}
        """;

    /// <summary>The documented single-event call to /capture/ or /i/v0/e/.</summary>
    private const string SingleEvent = """
        {"api_key":"phc_project","event":"event name","distinct_id":"user distinct id","properties":{"account_type":"pro"},"timestamp":"2026-11-21T11:00:00Z"}
        """;

    /// <summary>posthog-js's /e/ body: a bare array, the key as each event's "token" property, many "$" properties first.</summary>
    private const string PostHogJsArray = """
        [{"event":"$pageview","properties":{"$os":"Mac OS X","$browser":"Chrome","$device_type":"Desktop","$current_url":"https://shop.example/","$host":"shop.example","$pathname":"/","$lib":"web","$lib_version":"1.200.0","token":"phc_project","distinct_id":"0193a7b4-anon","$device_id":"0193a7b4-anon","$session_id":"0193a7b4-session","$window_id":"0193a7b4-window","$pageview_id":"0193a7b4-page","$referrer":"$direct","$referring_domain":"$direct","$screen_height":1080,"$screen_width":1920,"$viewport_height":900,"$viewport_width":1440,"$browser_version":131,"$raw_user_agent":"Mozilla/5.0","$time":1795262398.0,"$insert_id":"abc123","$is_identified":false,"$process_person_profile":true,"$lib_custom_api_host":"http://127.0.0.1:5080","$configured_session_timeout_ms":1800000,"$sdk_debug_replay_internal_buffer_length":0,"$sdk_debug_replay_internal_buffer_size":0,"$sdk_debug_retry_queue_size":0,"$initialization_time":"2026-11-21T11:59:00.000Z","$feature_flag_request_id":"none","campaign":"winter"},"timestamp":"2026-11-21T11:59:58.000Z","uuid":"0193a7b4-0000-7000-8000-000000000010"}]
        """;

    [Fact]
    public void FindKey_PostHogNodeBatch_IsTheBatchApiKey()
    {
        Assert.Equal(new CaptureKey("phc_project", null), FindKey(PostHogNodeBatch));
    }

    [Theory]
    [InlineData("""{"api_key":"phc_project","event":"e","distinct_id":"u"}""")]
    [InlineData("""{"token":"phc_project","event":"e","distinct_id":"u"}""")]
    [InlineData("""{"$token":"phc_project","event":"e","distinct_id":"u"}""")]
    [InlineData("""{"event":"e","distinct_id":"u","properties":{"token":"phc_project"}}""")]
    [InlineData("""{"batch":[{"event":"e","distinct_id":"u","properties":{"token":"phc_project"}}]}""")]
    [InlineData(PostHogJsArray)]
    public void FindKey_EveryPlaceTheSdksPutIt_IsFound(string json)
    {
        Assert.Equal("phc_project", FindKey(json).Key);
    }

    [Fact]
    public void FindKey_EventsWithDifferentKeys_IsAProblemNamingApiKey()
    {
        var key = FindKey("""[{"event":"e","properties":{"token":"phc_a"}},{"event":"e","properties":{"token":"phc_b"}}]""");

        Assert.Null(key.Key);
        Assert.Equal("api_key", key.Problem?.Field);
    }

    [Fact]
    public void FindKey_NoKeyAnywhere_IsNoKeyAndNoProblem()
    {
        Assert.Equal(new CaptureKey(null, null), FindKey("""{"event":"e","distinct_id":"u"}"""));
    }

    [Fact]
    public void ParseEvents_PostHogNodeBatch_MapsEveryEventAsSent()
    {
        var batch = Parse(PostHogNodeBatch);

        Assert.Null(batch.Problem);
        Assert.Empty(batch.Rejected);
        Assert.Equal(["$pageview", "$identify", "signup"], batch.Accepted.Select(item => item.Name));
        Assert.All(batch.Accepted, item => Assert.Equal(("user-1", Some.ProjectId), (item.DistinctId, item.ProjectId)));
        var identify = batch.Accepted[1];
        Assert.Equal("ada@example.com", JsonDocument.Parse(identify.PropertiesJson).RootElement.GetProperty("$set").GetProperty("email").GetString());
        Assert.Contains(KeyValuePair.Create("plan", "Pro"), batch.Accepted[2].BreakdownValues);
        Assert.Contains(KeyValuePair.Create("$current_url", "https://shop.example/pricing"), batch.Accepted[0].BreakdownValues);
    }

    [Fact]
    public void ParseEvents_SingleEvent_IsOneEventWithItsTimestampAndProperties()
    {
        var accepted = Assert.Single(Parse(SingleEvent).Accepted);

        Assert.Equal(("event name", "user distinct id"), (accepted.Name, accepted.DistinctId));
        Assert.Equal(Some.Utc(2026, 11, 21, 11), accepted.Timestamp);
        Assert.Equal("""{"account_type":"pro"}""", accepted.PropertiesJson);
    }

    [Fact]
    public void ParseEvents_DocumentedHistoricalMigrationBatch_TakesDistinctIdFromProperties()
    {
        var batch = Parse("""
            {"api_key":"phc_project","historical_migration":true,"batch":[
              {"event":"batched_event_name_1","properties":{"distinct_id":"user distinct id","account_type":"pro"},"timestamp":"2026-11-20T08:00:00Z"},
              {"event":"batched_event_name_2","properties":{"distinct_id":"user distinct id","account_type":"pro"}}
            ]}
            """);

        Assert.Equal(["user distinct id", "user distinct id"], batch.Accepted.Select(item => item.DistinctId));
        Assert.Equal([Some.Utc(2026, 11, 20, 8), Some.Now], batch.Accepted.Select(item => item.Timestamp));
    }

    [Fact]
    public void ParseEvents_PostHogJsArray_DropsTheKeyAndCountsTheAppsOwnPropertiesFirst()
    {
        var accepted = Assert.Single(Parse(PostHogJsArray).Accepted);

        Assert.Equal(("$pageview", "0193a7b4-anon"), (accepted.Name, accepted.DistinctId));
        Assert.DoesNotContain("phc_project", accepted.PropertiesJson);
        Assert.Equal("Mac OS X", JsonDocument.Parse(accepted.PropertiesJson).RootElement.GetProperty("$os").GetString());
        // "campaign" is the 34th property sent, past the 32 an event is counted by, yet it is counted.
        Assert.Equal(KeyValuePair.Create("campaign", "winter"), accepted.BreakdownValues[0]);
        Assert.Equal(32, accepted.BreakdownValues.Count);
    }

    [Fact]
    public void ParseEvents_GroupIdentify_KeepsTheGroupSyntheticDistinctId()
    {
        var accepted = Assert.Single(Parse("""
            {"api_key":"phc_project","event":"$groupidentify","distinct_id":"$company_acme","properties":{"$group_type":"company","$group_key":"acme","$group_set":{"name":"Acme"}}}
            """).Accepted);

        Assert.Equal(("$groupidentify", "$company_acme"), (accepted.Name, accepted.DistinctId));
        Assert.Contains(KeyValuePair.Create("$group_key", "acme"), accepted.BreakdownValues);
    }

    [Theory]
    [InlineData("""{"event":"e","$distinct_id":"dollar"}""", "dollar")]
    [InlineData("""{"event":"e","distinct_id":23}""", "23")]
    [InlineData("""{"event":"e","distinct_id":null,"properties":{"distinct_id":"from-properties"}}""", "from-properties")]
    [InlineData("""{"event":"e","properties":{"$device_id":"device-7"}}""", "device-7")]
    [InlineData("""{"event":"e","distinct_id":"top","properties":{"distinct_id":"inner"}}""", "top")]
    public void ParseEvents_DistinctId_ComesFromWhereverTheSdkPutIt(string json, string expected)
    {
        Assert.Equal(expected, Assert.Single(Parse(json).Accepted).DistinctId);
    }

    [Fact]
    public void ParseEvents_BatchSentAt_CorrectsTimestampsForTheClientsClock()
    {
        // The client's clock is 10 minutes ahead: it said it sent at 12:10 when the server read 12:00.
        var accepted = Assert.Single(Parse("""
            {"api_key":"k","sent_at":"2026-11-21T12:10:00Z","batch":[{"event":"e","distinct_id":"u","timestamp":"2026-11-21T12:09:00Z"}]}
            """).Accepted);

        Assert.Equal(Some.Utc(2026, 11, 21, 11, 59), accepted.Timestamp);
    }

    [Fact]
    public void ParseEvents_QuerySentAt_CorrectsABareArray()
    {
        var sentAt = Some.Utc(2026, 11, 21, 11, 30);

        var accepted = Assert.Single(Parse("""[{"event":"e","distinct_id":"u","timestamp":"2026-11-21T11:29:00Z"}]""", sentAt).Accepted);

        // The client is 30 minutes behind: its 11:29 was the server's 11:59.
        Assert.Equal(Some.Utc(2026, 11, 21, 11, 59), accepted.Timestamp);
    }

    [Fact]
    public void ParseEvents_IgnoreSentAtProperty_KeepsTheTimestampAsSent()
    {
        var accepted = Assert.Single(Parse("""
            {"api_key":"k","sent_at":"2026-11-21T12:10:00Z","batch":[{"event":"e","distinct_id":"u","timestamp":"2026-11-21T11:00:00Z","properties":{"$ignore_sent_at":true}}]}
            """).Accepted);

        Assert.Equal(Some.Utc(2026, 11, 21, 11), accepted.Timestamp);
    }

    [Fact]
    public void ParseEvents_Offset_CountsBackFromNowAndWinsOverTheTimestamp()
    {
        var accepted = Assert.Single(Parse("""{"event":"e","distinct_id":"u","offset":90000,"timestamp":"2026-11-01T00:00:00Z"}""").Accepted);

        Assert.Equal(Some.Now.AddSeconds(-90), accepted.Timestamp);
    }

    [Fact]
    public void ParseEvents_TimestampWithoutOffset_IsReadAsUtcAsPostHogDoes()
    {
        var accepted = Assert.Single(Parse("""{"event":"$identify","distinct_id":"u","timestamp":"2026-11-21T09:03:11.913767","properties":{"$set":{"is_cool":"true"}}}""").Accepted);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 3, 11, TimeSpan.Zero).AddTicks(9137670), accepted.Timestamp);
    }

    [Theory]
    [InlineData("""{"event":"e","distinct_id":"u","timestamp":"2026-10-01T00:00:00Z"}""", "30 days")]
    [InlineData("""{"event":"e","distinct_id":"u","timestamp":"2026-11-21T14:00:00Z"}""", "ahead")]
    [InlineData("""{"event":"e","distinct_id":"u","offset":3000000000}""", "30 days")]
    public void ParseEvents_TimeOutsideTheWindowAfterCorrection_RejectsTimestamp(string json, string reason)
    {
        var rejection = Assert.Single(Parse(json).Rejected);

        Assert.Equal("timestamp", rejection.Field);
        Assert.Contains(reason, rejection.Error);
    }

    [Fact]
    public void ParseEvents_CorrectionBringsAnAheadClockIntoTheWindow_Accepts()
    {
        // By its own clock the event is 3 hours ahead, but so is the client's sent_at.
        var accepted = Assert.Single(Parse("""
            {"api_key":"k","sent_at":"2026-11-21T15:00:00Z","batch":[{"event":"e","distinct_id":"u","timestamp":"2026-11-21T14:59:00Z"}]}
            """).Accepted);

        Assert.Equal(Some.Utc(2026, 11, 21, 11, 59), accepted.Timestamp);
    }

    [Fact]
    public void ParseEvents_InvalidItems_AreRejectedWithIndexAndField()
    {
        var batch = Parse($$$"""
            {"api_key":"k","batch":[
              {"event":"ok","distinct_id":"u"},
              {"distinct_id":"u"},
              {"event":"e"},
              {"event":"e","distinct_id":"   "},
              {"event":"e","distinct_id":"u","properties":[1,2]},
              {"event":"e","distinct_id":"u","timestamp":"yesterday-ish"},
              {"event":"e","distinct_id":"u","offset":"5"},
              {"event":"{{{new string('x', 201)}}}","distinct_id":"u"},
              {"event":"e","distinct_id":"u","properties":{"blob":"{{{new string('x', 33 * 1024)}}}"}},
              "not an event"
            ]}
            """);

        Assert.Equal("ok", Assert.Single(batch.Accepted).Name);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], batch.Rejected.Select(rejection => rejection.Index));
        Assert.Equal(["event", "distinct_id", "distinct_id", "properties", "timestamp", "offset", "event", "properties", ""], batch.Rejected.Select(rejection => rejection.Field));
        Assert.All(batch.Rejected, rejection => Assert.False(string.IsNullOrWhiteSpace(rejection.Error)));
    }

    [Theory]
    [InlineData("42", "body")]
    [InlineData("""{"api_key":"k","batch":{"event":"e"}}""", "batch")]
    public void ParseEvents_BodyOfTheWrongShape_IsRefusedNamingTheField(string json, string field)
    {
        var batch = Parse(json);

        Assert.Equal(field, batch.Problem?.Field);
        Assert.Empty(batch.Accepted);
    }

    [Fact]
    public void ParseEvents_MoreThanOneThousandInABatch_IsRefusedNamingBatch()
    {
        var events = string.Join(",", Enumerable.Repeat("""{"event":"e","distinct_id":"u"}""", 1001));

        Assert.Equal("batch", Parse($$$"""{"api_key":"k","batch":[{{{events}}}]}""").Problem?.Field);
        Assert.Equal("body", Parse($"[{events}]").Problem?.Field);
    }

    [Fact]
    public void EventTime_ClientClockBehind_MovesTheTimestampForward()
    {
        var time = PostHogCapture.EventTime(Some.Utc(2026, 11, 21, 11), offsetMilliseconds: null, sentAt: Some.Utc(2026, 11, 21, 11, 50), Some.Now);

        Assert.Equal(Some.Utc(2026, 11, 21, 11, 10), time);
    }

    [Fact]
    public void EventTime_NothingFromTheClient_IsNow()
    {
        Assert.Equal(Some.Now, PostHogCapture.EventTime(null, null, Some.Utc(2026, 11, 21, 13), Some.Now));
    }

    [Theory]
    [InlineData("1795262400000", "2026-11-21T12:00:00.0000000+00:00")]
    [InlineData("1795262400", null)]
    [InlineData("soon", null)]
    [InlineData(null, null)]
    public void SentAtFromQuery_OnlyMillisecondsOfThisDecadeCount(string? value, string? expected)
    {
        Assert.Equal(expected, PostHogCapture.SentAtFromQuery(value)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static CaptureKey FindKey(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PostHogCapture.FindKey(document.RootElement);
    }

    private static ParsedBatch<ProductEvent> Parse(string json, DateTimeOffset? sentAtFromQuery = null)
    {
        using var document = JsonDocument.Parse(json);
        return PostHogCapture.ParseEvents(document.RootElement, Some.ProjectId, sentAtFromQuery, Some.Now);
    }
}
