using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core.Ingest;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Ingest;

public sealed class IngestParserTests
{
    [Fact]
    public void ParseEvents_ValidBatch_AcceptsEveryEvent()
    {
        var body = Some.EventsBody(Some.EventItem("signup", "user-1"), Some.EventItem("pageview", "user-2"));

        var batch = IngestParser.ParseEvents(body, Some.ProjectId, Some.Now);

        Assert.Null(batch.Problem);
        Assert.Empty(batch.Rejected);
        Assert.Equal(2, batch.Accepted.Count);
        var first = batch.Accepted[0];
        Assert.Equal(Some.ProjectId, first.ProjectId);
        Assert.Equal("signup", first.Name);
        Assert.Equal("user-1", first.DistinctId);
        Assert.Equal("{\"plan\":\"pro\"}", first.PropertiesJson);
        Assert.Equal([KeyValuePair.Create("plan", "pro")], first.BreakdownValues);
        Assert.Equal("pageview", batch.Accepted[1].Name);
        Assert.Equal("user-2", batch.Accepted[1].DistinctId);
    }

    [Fact]
    public void ParseEvents_TimestampWithOffset_IsStoredAsUtc()
    {
        var body = Some.EventsBody(Some.EventItem());

        var batch = IngestParser.ParseEvents(body, Some.ProjectId, Some.Now);

        // 18:00 at +09:00.
        var timestamp = Assert.Single(batch.Accepted).Timestamp;
        Assert.Equal(Some.Utc(2026, 11, 21, 9), timestamp);
        Assert.Equal(TimeSpan.Zero, timestamp.Offset);
    }

    [Theory]
    [InlineData("2026-11-21T18:00:00+09:00")]
    [InlineData("2026-11-21T18:00:00+09")]
    [InlineData("2026-11-21T09:00:00Z")]
    [InlineData("2026-11-21T04:00:00-05:00")]
    public void ParseEvents_EveryIsoOffsetForm_MeansTheSameInstant(string timestamp)
    {
        var item = Some.EventItem();
        item["timestamp"] = timestamp;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        Assert.Equal(Some.Utc(2026, 11, 21, 9), Assert.Single(batch.Accepted).Timestamp);
    }

    [Theory]
    [InlineData("event")]
    [InlineData("distinct_id")]
    public void ParseEvents_MissingRequiredString_RejectsItemWithField(string field)
    {
        var item = Some.EventItem();
        item.Remove(field);

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, field);
    }

    public static TheoryData<string, JsonNode?> InvalidRequiredStrings => new()
    {
        { "event", JsonValue.Create("") },
        { "event", JsonValue.Create("   ") },
        { "event", JsonValue.Create(new string('e', 201)) },
        { "event", JsonValue.Create(42) },
        { "event", null },
        { "distinct_id", JsonValue.Create("") },
        { "distinct_id", JsonValue.Create("\t") },
        { "distinct_id", JsonValue.Create(new string('d', 201)) },
        { "distinct_id", JsonValue.Create(12345) },
        { "distinct_id", new JsonObject() },
    };

    [Theory]
    [MemberData(nameof(InvalidRequiredStrings))]
    public void ParseEvents_EmptyTooLongOrNotAString_RejectsItemWithField(string field, JsonNode? value)
    {
        var item = Some.EventItem();
        item[field] = value;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, field);
    }

    [Fact]
    public void ParseEvents_NameAndDistinctIdAtTwoHundredCharacters_Accepts()
    {
        var name = new string('e', 200);
        var distinctId = new string('d', 200);

        var batch = IngestParser.ParseEvents(Some.EventsBody(Some.EventItem(name, distinctId)), Some.ProjectId, Some.Now);

        var accepted = Assert.Single(batch.Accepted);
        Assert.Equal(name, accepted.Name);
        Assert.Equal(distinctId, accepted.DistinctId);
    }

    [Theory]
    [InlineData("2026-11-21T09:00:00")]
    [InlineData("2026-11-21T09:00:00.123")]
    [InlineData("2026-11-21")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void ParseEvents_TimestampWithoutOffset_RejectsTimestamp(string timestamp)
    {
        var item = Some.EventItem();
        item["timestamp"] = timestamp;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "timestamp");
    }

    [Fact]
    public void ParseEvents_TimestampAsNumber_RejectsTimestamp()
    {
        var item = Some.EventItem();
        item["timestamp"] = 1795000000;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "timestamp");
    }

    [Theory]
    [InlineData("2026-10-22T11:59:59Z")] // 30 days and 1 second before now
    [InlineData("2026-10-22T20:59:59+09:00")] // the same instant at +09:00
    [InlineData("2025-11-21T12:00:00Z")]
    [InlineData("2026-11-21T13:00:01Z")] // 1 hour and 1 second after now
    [InlineData("2026-11-21T22:00:01+09:00")] // the same instant at +09:00
    [InlineData("2027-11-21T12:00:00Z")]
    public void ParseEvents_TimestampTooOldOrTooFarAhead_RejectsTimestamp(string timestamp)
    {
        var item = Some.EventItem();
        item["timestamp"] = timestamp;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "timestamp");
    }

    [Theory]
    [InlineData("2026-10-22T12:00:00Z", 2026, 10, 22, 12, 0)] // exactly 30 days old
    [InlineData("2026-11-21T13:00:00Z", 2026, 11, 21, 13, 0)] // exactly 1 hour ahead
    [InlineData("2026-11-21T05:30:00-05:00", 2026, 11, 21, 10, 30)]
    [InlineData("2026-11-21T16:00:00.000+05:30", 2026, 11, 21, 10, 30)]
    public void ParseEvents_TimestampWithinWindow_AcceptsAsUtc(string timestamp, int year, int month, int day, int hour, int minute)
    {
        var item = Some.EventItem();
        item["timestamp"] = timestamp;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        Assert.Empty(batch.Rejected);
        Assert.Equal(Some.Utc(year, month, day, hour, minute), Assert.Single(batch.Accepted).Timestamp);
    }

    [Fact]
    public void ParseEvents_MissingTimestamp_UsesNow()
    {
        var item = Some.EventItem();
        item.Remove("timestamp");

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        Assert.Equal(Some.Now, Assert.Single(batch.Accepted).Timestamp);
    }

    [Fact]
    public void ParseEvents_NullTimestamp_UsesNow()
    {
        var item = Some.EventItem();
        item["timestamp"] = null;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        Assert.Equal(Some.Now, Assert.Single(batch.Accepted).Timestamp);
    }

    public static TheoryData<JsonNode> NonObjectProperties => new()
    {
        new JsonArray(1, 2),
        JsonValue.Create("plan=pro"),
        JsonValue.Create(7),
        JsonValue.Create(true),
    };

    [Theory]
    [MemberData(nameof(NonObjectProperties))]
    public void ParseEvents_PropertiesNotAnObject_RejectsProperties(JsonNode properties)
    {
        var item = Some.EventItem();
        item["properties"] = properties;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "properties");
    }

    [Fact]
    public void ParseEvents_MissingOrNullProperties_StoresEmptyObject()
    {
        var withoutProperties = Some.EventItem();
        withoutProperties.Remove("properties");
        var nullProperties = Some.EventItem();
        nullProperties["properties"] = null;

        var batch = IngestParser.ParseEvents(Some.EventsBody(withoutProperties, nullProperties), Some.ProjectId, Some.Now);

        Assert.Equal(2, batch.Accepted.Count);
        Assert.All(batch.Accepted, accepted =>
        {
            Assert.Equal("{}", accepted.PropertiesJson);
            Assert.Empty(accepted.BreakdownValues);
        });
    }

    [Fact]
    public void ParseEvents_PropertiesOfExactlyThirtyTwoKibibytes_Accepts()
    {
        // {"t":"…"} is 8 bytes around the text.
        var body = EventsBodyWithRawProperties("{\"t\":\"" + new string('a', 32 * 1024 - 8) + "\"}");

        var batch = IngestParser.ParseEvents(body, Some.ProjectId, Some.Now);

        Assert.Empty(batch.Rejected);
        Assert.Equal(32 * 1024, Assert.Single(batch.Accepted).PropertiesJson.Length);
    }

    [Fact]
    public void ParseEvents_PropertiesOneByteOverThirtyTwoKibibytes_RejectsProperties()
    {
        var body = EventsBodyWithRawProperties("{\"t\":\"" + new string('a', 32 * 1024 - 7) + "\"}");

        var batch = IngestParser.ParseEvents(body, Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "properties");
    }

    [Fact]
    public void ParseEvents_MultiByteTextOverThirtyTwoKibibytes_RejectsProperties()
    {
        // 16,389 characters but 8 + 2 × 16,381 = 32,770 bytes of UTF-8.
        var body = EventsBodyWithRawProperties("{\"t\":\"" + new string('é', 16_381) + "\"}");

        var batch = IngestParser.ParseEvents(body, Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "properties");
    }

    [Fact]
    public void ParseEvents_MixedPropertyValues_KeepsOnlyShortScalarsForBreakdowns()
    {
        var item = Some.EventItem();
        item["properties"] = new JsonObject
        {
            ["plan"] = "pro",
            ["seats"] = 5,
            ["price"] = 9.99,
            ["trial"] = true,
            ["beta"] = false,
            ["address"] = new JsonObject { ["city"] = "Seoul" },
            ["tags"] = new JsonArray("a", "b"),
            ["referrer"] = null,
            ["coupon"] = "",
            ["bio"] = new string('b', 101),
            ["country"] = new string('c', 100),
            [new string('k', 201)] = "long name",
        };

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        KeyValuePair<string, string>[] expected =
        [
            KeyValuePair.Create("plan", "pro"),
            KeyValuePair.Create("seats", "5"),
            KeyValuePair.Create("price", "9.99"),
            KeyValuePair.Create("trial", "true"),
            KeyValuePair.Create("beta", "false"),
            KeyValuePair.Create("country", new string('c', 100)),
        ];
        Assert.Equal(expected, Assert.Single(batch.Accepted).BreakdownValues);
    }

    [Fact]
    public void ParseEvents_FortyProperties_KeepsTheFirstThirtyTwoForBreakdowns()
    {
        var properties = new JsonObject();
        for (var i = 0; i < 40; i++)
        {
            properties[$"p{i}"] = $"v{i}";
        }
        var item = Some.EventItem();
        item["properties"] = properties;

        var batch = IngestParser.ParseEvents(Some.EventsBody(item), Some.ProjectId, Some.Now);

        var accepted = Assert.Single(batch.Accepted);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => KeyValuePair.Create($"p{i}", $"v{i}")), accepted.BreakdownValues);
        Assert.Contains("\"p39\":\"v39\"", accepted.PropertiesJson);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"events\":[}")]
    public void ParseEvents_BodyNotJson_RefusesWithBodyProblem(string body)
    {
        var batch = IngestParser.ParseEvents(Encoding.UTF8.GetBytes(body), Some.ProjectId, Some.Now);

        AssertRefused(batch, "body");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"events\"")]
    [InlineData("null")]
    public void ParseEvents_BodyNotAnObject_RefusesWithBodyProblem(string body)
    {
        var batch = IngestParser.ParseEvents(Encoding.UTF8.GetBytes(body), Some.ProjectId, Some.Now);

        AssertRefused(batch, "body");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"events\":{}}")]
    [InlineData("{\"events\":null}")]
    [InlineData("{\"requests\":[]}")]
    public void ParseEvents_MissingEventsArray_RefusesWithEventsProblem(string body)
    {
        var batch = IngestParser.ParseEvents(Encoding.UTF8.GetBytes(body), Some.ProjectId, Some.Now);

        AssertRefused(batch, "events");
    }

    [Fact]
    public void ParseEvents_EmptyArray_AcceptsNothingWithoutProblem()
    {
        var batch = IngestParser.ParseEvents(Some.EventsBody(), Some.ProjectId, Some.Now);

        Assert.Null(batch.Problem);
        Assert.Empty(batch.Accepted);
        Assert.Empty(batch.Rejected);
    }

    [Fact]
    public void ParseEvents_ThousandItems_AcceptsAll()
    {
        var body = Some.EventsBody(Enumerable.Range(0, 1000).Select(i => (JsonNode?)Some.EventItem(distinctId: $"user-{i}")).ToArray());

        var batch = IngestParser.ParseEvents(body, Some.ProjectId, Some.Now);

        Assert.Null(batch.Problem);
        Assert.Equal(1000, batch.Accepted.Count);
    }

    [Fact]
    public void ParseEvents_ThousandAndOneItems_RefusesWithEventsProblem()
    {
        var body = Some.EventsBody(Enumerable.Range(0, 1001).Select(i => (JsonNode?)Some.EventItem(distinctId: $"user-{i}")).ToArray());

        var batch = IngestParser.ParseEvents(body, Some.ProjectId, Some.Now);

        AssertRefused(batch, "events");
    }

    [Fact]
    public void ParseEvents_MixedValidAndInvalidItems_RejectsByOriginalIndex()
    {
        var missingName = Some.EventItem("lost");
        missingName.Remove("event");
        var localTimestamp = Some.EventItem("late");
        localTimestamp["timestamp"] = "2026-11-21T09:00:00";
        var body = Some.EventsBody(
            Some.EventItem("first"),
            missingName,
            Some.EventItem("third"),
            JsonValue.Create(42),
            localTimestamp,
            Some.EventItem("sixth"));

        var batch = IngestParser.ParseEvents(body, Some.ProjectId, Some.Now);

        Assert.Null(batch.Problem);
        Assert.Equal(["first", "third", "sixth"], batch.Accepted.Select(accepted => accepted.Name));
        Assert.Equal([(1, "event"), (3, ""), (4, "timestamp")], batch.Rejected.Select(rejection => (rejection.Index, rejection.Field)));
        Assert.All(batch.Rejected, rejection => Assert.False(string.IsNullOrWhiteSpace(rejection.Error)));
    }

    [Fact]
    public void ParseRequests_ValidRequest_AcceptsWithUpperCaseMethod()
    {
        var batch = IngestParser.ParseRequests(Some.RequestsBody(Some.RequestItem()), Some.ProjectId, Some.Now);

        Assert.Null(batch.Problem);
        Assert.Empty(batch.Rejected);
        var accepted = Assert.Single(batch.Accepted);
        Assert.Equal(new RequestSample(Some.ProjectId, Some.Utc(2026, 11, 21, 11, 30), "GET", "/api/users/{id}", 200, 12.5), accepted);
    }

    [Fact]
    public void ParseRequests_TraceId_KeptLowerCase()
    {
        var item = Some.RequestItem();
        item["trace_id"] = "4BF92F3577B34DA6A3CE929D0E0E4736";

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", Assert.Single(batch.Accepted).TraceId);
    }

    [Theory]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473x")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e47360")]
    public void ParseRequests_TraceIdNot32HexDigits_RejectsTraceId(string traceId)
    {
        var item = Some.RequestItem();
        item["trace_id"] = traceId;

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        Assert.Empty(batch.Accepted);
        Assert.Equal("trace_id", Assert.Single(batch.Rejected).Field);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(404)]
    [InlineData(599)]
    public void ParseRequests_StatusWithinRange_Accepts(int status)
    {
        var item = Some.RequestItem();
        item["status"] = status;

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        Assert.Equal(status, Assert.Single(batch.Accepted).Status);
    }

    public static TheoryData<JsonNode?> InvalidStatuses => new()
    {
        JsonValue.Create(99),
        JsonValue.Create(600),
        JsonValue.Create(0),
        JsonValue.Create(-200),
        JsonValue.Create(200.5),
        JsonValue.Create(70000000000),
    };

    [Theory]
    [MemberData(nameof(InvalidStatuses))]
    public void ParseRequests_StatusOutOfRangeOrNotAnInteger_RejectsStatus(JsonNode? status)
    {
        var item = Some.RequestItem();
        item["status"] = status;

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "status");
    }

    public static TheoryData<JsonNode?> NonNumericStatuses => new()
    {
        JsonValue.Create("200"),
        JsonValue.Create(true),
        new JsonObject(),
        null,
    };

    [Theory]
    [MemberData(nameof(NonNumericStatuses))]
    public void ParseRequests_StatusNotANumber_RejectsStatus(JsonNode? status)
    {
        var item = Some.RequestItem();
        item["status"] = status;

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "status");
    }

    [Fact]
    public void ParseRequests_MissingStatus_RejectsStatus()
    {
        var item = Some.RequestItem();
        item.Remove("status");

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "status");
    }

    [Fact]
    public void ParseRequests_MissingDuration_RejectsDuration()
    {
        var item = Some.RequestItem();
        item.Remove("duration_ms");

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "duration_ms");
    }

    public static TheoryData<JsonNode?> InvalidDurations => new()
    {
        JsonValue.Create(-1),
        JsonValue.Create(-0.5),
        JsonValue.Create(86_400_001),
        JsonValue.Create("12"),
        null,
    };

    [Theory]
    [MemberData(nameof(InvalidDurations))]
    public void ParseRequests_NegativeTooLargeOrNotANumberDuration_RejectsDuration(JsonNode? duration)
    {
        var item = Some.RequestItem();
        item["duration_ms"] = duration;

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "duration_ms");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.25)]
    [InlineData(86_400_000)]
    public void ParseRequests_DurationWithinRange_Accepts(double duration)
    {
        var item = Some.RequestItem();
        item["duration_ms"] = duration;

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        Assert.Equal(duration, Assert.Single(batch.Accepted).DurationMs);
    }

    [Theory]
    [InlineData("post", "POST")]
    [InlineData("Delete", "DELETE")]
    [InlineData("PATCH", "PATCH")]
    public void ParseRequests_Method_IsUpperCased(string method, string expected)
    {
        var item = Some.RequestItem();
        item["method"] = method;

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        Assert.Equal(expected, Assert.Single(batch.Accepted).Method);
    }

    [Theory]
    [InlineData("method", "")]
    [InlineData("method", "SEVENTEEN-LETTERS")]
    [InlineData("route", "")]
    public void ParseRequests_EmptyOrTooLongString_RejectsField(string field, string value)
    {
        var item = Some.RequestItem();
        item[field] = value;

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, field);
    }

    [Fact]
    public void ParseRequests_RouteOverFiveHundredTwelveCharacters_RejectsRoute()
    {
        var item = Some.RequestItem();
        item["route"] = "/" + new string('r', 512);

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        AssertOnlyRejection(batch, 0, "route");
    }

    [Fact]
    public void ParseRequests_MissingTimestamp_UsesNow()
    {
        var item = Some.RequestItem();
        item.Remove("timestamp");

        var batch = IngestParser.ParseRequests(Some.RequestsBody(item), Some.ProjectId, Some.Now);

        Assert.Equal(Some.Now, Assert.Single(batch.Accepted).Timestamp);
    }

    [Fact]
    public void ParseRequests_EventsArrayInsteadOfRequests_RefusesWithRequestsProblem()
    {
        var batch = IngestParser.ParseRequests(Some.EventsBody(Some.RequestItem()), Some.ProjectId, Some.Now);

        AssertRefused(batch, "requests");
    }

    [Fact]
    public void ParseRequests_MixedValidAndInvalidItems_RejectsByOriginalIndex()
    {
        var badStatus = Some.RequestItem();
        badStatus["status"] = 700;
        var negativeDuration = Some.RequestItem();
        negativeDuration["duration_ms"] = -3;
        var body = Some.RequestsBody(badStatus, Some.RequestItem(), negativeDuration, Some.RequestItem());

        var batch = IngestParser.ParseRequests(body, Some.ProjectId, Some.Now);

        Assert.Equal(2, batch.Accepted.Count);
        Assert.Equal([(0, "status"), (2, "duration_ms")], batch.Rejected.Select(rejection => (rejection.Index, rejection.Field)));
    }

    private static byte[] EventsBodyWithRawProperties(string propertiesJson) =>
        Encoding.UTF8.GetBytes($"{{\"events\":[{{\"event\":\"note\",\"distinct_id\":\"user-1\",\"properties\":{propertiesJson}}}]}}");

    private static void AssertOnlyRejection<T>(ParsedBatch<T> batch, int index, string field)
    {
        Assert.Null(batch.Problem);
        Assert.Empty(batch.Accepted);
        var rejection = Assert.Single(batch.Rejected);
        Assert.Equal(index, rejection.Index);
        Assert.Equal(field, rejection.Field);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Error));
    }

    private static void AssertRefused<T>(ParsedBatch<T> batch, string field)
    {
        Assert.NotNull(batch.Problem);
        Assert.Equal(field, batch.Problem.Field);
        Assert.False(string.IsNullOrWhiteSpace(batch.Problem.Detail));
        Assert.Empty(batch.Accepted);
        Assert.Empty(batch.Rejected);
    }
}
