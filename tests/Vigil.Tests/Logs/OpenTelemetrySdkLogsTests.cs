using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using Vigil.Tests.Support;

namespace Vigil.Tests.Logs;

/// <summary>
/// The OpenTelemetry .NET SDK's own OTLP log exporter (HTTP/protobuf) sending an app's ILogger lines, written inside an
/// activity, to a real Vigil on each backend: the search API finds them by their words and by the activity's trace id.
/// </summary>
public abstract partial class OpenTelemetrySdkLogsTests(Backend backend)
    // The SDK stamps lines with the machine's clock, so the server keeps the real one too.
    : ServerTests(backend)
{
    [Theory]
    [InlineData(OtlpExportCompression.None)]
    [InlineData(OtlpExportCompression.GZip)]
    public async Task OtlpLogExporter_LinesInsideAnActivity_FoundByTextAndByTraceId(OtlpExportCompression compression)
    {
        var posts = new ConcurrentQueue<HttpStatusCode>();
        var sourceName = $"Vigil.Tests.Shop.{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        string traceId;
        using (var loggers = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("shop-api"));
            // Without it the SDK sends the message template ("Order {OrderId} …") as the body: README says so.
            options.IncludeFormattedMessage = true;
            options.AddOtlpExporter(otlp =>
            {
                otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                otlp.Endpoint = new Uri(Server.BaseAddress, "v1/logs");
                otlp.Headers = $"x-vigil-key={Server.IngestKey}";
                otlp.Compression = compression;
                otlp.HttpClientFactory = () => new HttpClient(new RecordingHandler(posts));
            });
        })))
        {
            var logger = loggers.CreateLogger("Shop.Checkout");
            using (var checkout = source.StartActivity("POST /api/orders", ActivityKind.Server) ?? throw new InvalidOperationException("No listener took the activity."))
            {
                traceId = checkout.TraceId.ToHexString();
                LogOrderPlaced(logger, 4217, "pro");
                LogPaymentDeclined(logger, 4217);
            }
            LogOutsideTrace(logger);
        }

        Assert.NotEmpty(posts);
        Assert.All(posts, status => Assert.Equal(HttpStatusCode.OK, status));
        await Server.WaitUntilStoredAsync();
        var search = $"api/projects/{Server.ProjectId}/logs";

        // The two lines may share a millisecond, whose order ClickHouse leaves open (README "Logs"): read them by body.
        var byTrace = (await Admin.GetJsonAsync($"{search}?trace_id={traceId}"))["logs"]!.AsArray().ToDictionary(line => (string)line!["body"]!, line => line!);
        Assert.Equal(["Order 4217 placed on plan pro", "Payment for order 4217 was declined"], byTrace.Keys.Order(StringComparer.Ordinal));
        var declined = byTrace["Payment for order 4217 was declined"];
        Assert.Equal(("error", "shop-api", "Shop.Checkout"), ((string)declined["level"]!, (string)declined["service"]!, (string)declined["attributes"]!["scope.name"]!));
        var placed = byTrace["Order 4217 placed on plan pro"];
        Assert.Equal(("info", "4217", "pro"), ((string)placed["level"]!, (string)placed["attributes"]!["OrderId"]!, (string)placed["attributes"]!["Plan"]!));

        var byText = (await Admin.GetJsonAsync($"{search}?q=declined+4217"))["logs"]!.AsArray();
        Assert.Equal(traceId, (string)Assert.Single(byText)!["traceId"]!);
        var outside = Assert.Single((await Admin.GetJsonAsync($"{search}?q=warmed"))["logs"]!.AsArray())!;
        Assert.Null((string?)outside["traceId"]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} placed on plan {Plan}")]
    private static partial void LogOrderPlaced(ILogger logger, int orderId, string plan);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment for order {OrderId} was declined")]
    private static partial void LogPaymentDeclined(ILogger logger, int orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cache warmed")]
    private static partial void LogOutsideTrace(ILogger logger);

    /// <summary>Sees Vigil's answer to every export the SDK makes.</summary>
    private sealed class RecordingHandler(ConcurrentQueue<HttpStatusCode> posts) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Record(base.Send(request, cancellationToken));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Record(await base.SendAsync(request, cancellationToken));

        private HttpResponseMessage Record(HttpResponseMessage response)
        {
            posts.Enqueue(response.StatusCode);
            return response;
        }
    }
}

public sealed class SqliteOpenTelemetrySdkLogsTests() : OpenTelemetrySdkLogsTests(Backend.Sqlite);

public sealed class PostgresClickHouseOpenTelemetrySdkLogsTests() : OpenTelemetrySdkLogsTests(Backend.PostgresClickHouse);
