using System.Text;
using Google.Protobuf;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Logs;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Logs;
using Vigil.Core.Logs;
using Vigil.Core.Tests.Support;
using OtlpLogRecord = Vigil.Core.Ingest.Otlp.Proto.Logs.LogRecord;

namespace Vigil.Core.Tests.Logs;

public sealed class OtlpLogRecordsTests
{
    private static readonly DateTimeOffset Logged = Some.Now.AddMinutes(-1).AddTicks(1234567);

    private static OtlpLogRecord Record(params KeyValue[] attributes) => new()
    {
        TimeUnixNano = Some.UnixNanoseconds(Logged),
        ObservedTimeUnixNano = Some.UnixNanoseconds(Logged.AddMilliseconds(3)),
        SeverityNumber = SeverityNumber.Warn2,
        SeverityText = "Warning",
        Body = new AnyValue { StringValue = "Retrying payment for order 42" },
        TraceId = ByteString.CopyFrom(Convert.FromHexString("5b8efff798038103d269b633813fc60c")),
        SpanId = ByteString.CopyFrom(Convert.FromHexString("eee19b7ec3c1b174")),
        Attributes = { attributes },
    };

    private static ExportLogsServiceRequest Export(params OtlpLogRecord[] records) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = new() { Attributes = { Some.Attribute("service.name", "shop-api"), Some.Attribute("host.name", "web-1") } },
                ScopeLogs = { new ScopeLogs { Scope = new() { Name = "Shop.Payments" }, LogRecords = { records } } },
            },
        },
    };

    private static OtlpLogBatch Map(params OtlpLogRecord[] records) => OtlpLogRecords.ToRecords(Export(records), Some.ProjectId, Some.Now);

    private static string RejectOne(OtlpLogRecord record, string field)
    {
        var batch = Map(record);
        Assert.Empty(batch.Records);
        var rejection = Assert.Single(batch.Rejected);
        Assert.Equal(("resourceLogs[0].scopeLogs[0].logRecords[0]", field), (rejection.Item, rejection.Field));
        return rejection.Error;
    }

    [Fact]
    public void ToRecords_FullRecord_EveryFieldWithResourceAndScope()
    {
        var batch = Map(Record(Some.Attribute("order.id", 42L), Some.Attribute("retry", true)));

        var log = Assert.Single(batch.Records);
        Assert.Equal(
            new Vigil.Core.Logs.LogRecord(Some.ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(Logged.ToUnixTimeMilliseconds()),
                DateTimeOffset.FromUnixTimeMilliseconds(Logged.AddMilliseconds(3).ToUnixTimeMilliseconds()), 14, "Warning", LogSeverity.Warn,
                "Retrying payment for order 42", "shop-api", "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", log.Attributes),
            log);
        Assert.Equal([new("order.id", "42"), new("retry", "true"), new("scope.name", "Shop.Payments"), new("resource.host.name", "web-1")], log.Attributes);
        Assert.Null(batch.ErrorMessage);
    }

    [Fact]
    public void ToRecords_StructuredBodyAndNestedAttributes_JsonBodyAndDottedKeys()
    {
        var record = Record(new KeyValue
        {
            Key = "http",
            Value = new AnyValue { KvlistValue = new KeyValueList { Values = { Some.Attribute("method", "GET"), Some.Attribute("status", 500L) } } },
        }, new KeyValue { Key = "tags", Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "a" }, new AnyValue { DoubleValue = 1.5 } } } } });
        record.Body = new AnyValue
        {
            KvlistValue = new KeyValueList { Values = { Some.Attribute("event", "checkout"), Some.Attribute("ok", false), new KeyValue { Key = "raw", Value = new AnyValue { BytesValue = ByteString.CopyFrom("hi"u8) } } } },
        };

        var log = Assert.Single(Map(record).Records);

        Assert.Equal("{\"event\":\"checkout\",\"ok\":false,\"raw\":\"aGk=\"}", log.Body);
        Assert.Equal([new("http.method", "GET"), new("http.status", "500"), new("tags", "[\"a\",1.5]")], log.Attributes.Take(3));
    }

    [Fact]
    public void ToRecords_NoTimeNoSeverityNumber_ObservedTimeAndLevelFromText()
    {
        var record = Record();
        record.TimeUnixNano = 0;
        record.SeverityNumber = SeverityNumber.Unspecified;
        record.SeverityText = "ERROR";
        record.TraceId = ByteString.Empty;
        record.SpanId = ByteString.Empty;

        var log = Assert.Single(Map(record).Records);

        Assert.Equal((0, LogSeverity.Error, (string?)null, (string?)null), (log.SeverityNumber, log.Level, log.TraceId, log.SpanId));
        Assert.Equal(Logged.AddMilliseconds(3).ToUnixTimeMilliseconds(), log.Timestamp.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void ToRecords_BodyOverLimit_Rejected()
    {
        var record = Record();
        record.Body = new AnyValue { StringValue = new string('x', LogLimits.MaxBodyBytes + 1) };

        Assert.Contains("16 KiB", RejectOne(record, "body"));
    }

    [Fact]
    public void ToRecords_TooManyAttributes_Rejected() =>
        Assert.Contains("at most 128", RejectOne(Record(Enumerable.Range(0, 130).Select(index => Some.Attribute($"k{index}", "v")).ToArray()), "attributes"));

    [Fact]
    public void ToRecords_BadTraceId_Rejected()
    {
        var record = Record();
        record.TraceId = ByteString.CopyFrom(new byte[16]);

        Assert.Contains("16 bytes", RejectOne(record, "traceId"));
    }

    [Fact]
    public void ToRecords_TooOld_Rejected()
    {
        var record = Record();
        record.TimeUnixNano = Some.UnixNanoseconds(Some.Now.AddDays(-31));

        Assert.Contains("30 days", RejectOne(record, "timeUnixNano"));
    }

    [Fact]
    public void ErrorMessage_OneOfTwoRejected_NamesPositionFieldAndReason()
    {
        var bad = Record();
        bad.SeverityNumber = (SeverityNumber)30;

        var batch = Map(Record(), bad);

        Assert.Single(batch.Records);
        Assert.Equal("Rejected 1 of 2 log records: resourceLogs[0].scopeLogs[0].logRecords[1] (severityNumber): severityNumber must be between 0 and 24, not 30.", batch.ErrorMessage);
    }

    [Fact]
    public void ToRecords_OtlpJsonWithHexIds_SameAsProtobuf()
    {
        var json = $$$"""
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop-api"}}]},
              "scopeLogs":[{"logRecords":[{"timeUnixNano":"{{{Some.UnixNanoseconds(Logged)}}}","severityNumber":17,"body":{"stringValue":"boom"},
                "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","attributes":[{"key":"n","value":{"intValue":"7"}}]}]}]}]}
            """;
        Assert.True(OtlpPayload.TryDecode<ExportLogsServiceRequest>(Encoding.UTF8.GetBytes(json), OtlpEncoding.Json, out var export, out var problem), problem);

        var log = Assert.Single(OtlpLogRecords.ToRecords(export, Some.ProjectId, Some.Now).Records);

        Assert.Equal(("boom", LogSeverity.Error, "shop-api", "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174"), (log.Body, log.Level, log.ServiceName, log.TraceId, log.SpanId));
        Assert.Equal([new("n", "7")], log.Attributes);
    }
}
