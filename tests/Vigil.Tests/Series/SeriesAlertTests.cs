using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using IronSnappy;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Alerts;
using Vigil.Core.Ingest.Prometheus.Proto;
using Vigil.Tests.Support;

namespace Vigil.Tests.Series;

/// <summary>Alert rules on named series: OTLP/JSON metrics or remote-write sent, one evaluation cycle at the test's time, the right rules fire.</summary>
public sealed class SeriesAlertTests() : ServerTests(Backend.Sqlite, Now, options => options.AlertEvaluationInterval = TimeSpan.FromHours(1))
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunCycle_GaugeAndHistogramConditions_FireOnlyWhereTheSelectedSeriesBreach()
    {
        using var rules = await Admin.PutAsync($"api/projects/{Server.ProjectId}/alert-rules", new StringContent("""
            alerts:
              - name: Mail Queue Deep
                condition: series{name="queue_depth", queue="mail"} > 100
              - name: SMS Queue Deep
                condition: series{name="queue_depth", queue="sms"} > 100
              - name: Slow Reads
                condition: series{name="db_read_latency", agg="p95"}[5m] > 200ms
              - name: Very Slow Reads
                condition: series{name="db_read_latency", agg="p95"} > 1s
            """, Encoding.UTF8, "application/yaml"));
        Assert.True(rules.IsSuccessStatusCode, await rules.Content.ReadAsStringAsync());
        var at = Now.AddSeconds(-20).ToUnixTimeMilliseconds() * 1_000_000;
        var export = $$$"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"worker"}}]},"scopeMetrics":[{"metrics":[
              {"name":"queue.depth","gauge":{"dataPoints":[{"asInt":"250","timeUnixNano":"{{{at}}}","attributes":[{"key":"queue","value":{"stringValue":"mail"}}]}]}},
              {"name":"db.read.latency","unit":"s","histogram":{"aggregationTemporality":1,"dataPoints":[
                {"timeUnixNano":"{{{at}}}","count":"10","sum":2.5,"bucketCounts":["2","5","3"],"explicitBounds":[0.1,0.25],"max":0.3}]}}
            ]}]}]}
            """;
        using var sent = await Ingest.PostAsync("v1/metrics", new StringContent(export, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.DoesNotContain("partialSuccess", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Server.Services.GetRequiredService<AlertEvaluator>().RunCycleAsync(CancellationToken.None);

        var alerts = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts");
        Assert.Equal(["Mail Queue Deep", "Slow Reads"], alerts["firing"]!.AsArray().Select(alert => (string)alert!["ruleName"]!).Order());
        var slowReads = (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts/history")).AsArray()
            .Select(entry => (string)entry!["values"]!).Single(values => values.Contains("db_read_latency", StringComparison.Ordinal));
        // p95 of the histogram in seconds: its top bucket, at the maximum 0.3 s, compared in milliseconds (within the sketch's 1%).
        var value = double.Parse(slowReads[(slowReads.LastIndexOf('=') + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.Equal(300, value, 300 * 0.01);
    }

    [Fact]
    public async Task RunCycle_ClassicHistogramByRemoteWrite_QuantileInterpolatedInItsBucket()
    {
        using var rules = await Admin.PutAsync($"api/projects/{Server.ProjectId}/alert-rules", new StringContent("""
            alerts:
              - name: Slow Calls
                condition: series{name="rpc_duration_seconds", agg="p95", method=~"Get.*"}[5m] > 800ms
              - name: Very Slow Calls
                condition: series{name="rpc_duration_seconds", agg="p95"}[5m] > 900ms
            """, Encoding.UTF8, "application/yaml"));
        Assert.True(rules.IsSuccessStatusCode, await rules.Content.ReadAsStringAsync());
        // A baseline a minute before, then 100 calls: 50 up to 0.1 s, 30 more up to 0.5 s, 20 more up to 1 s.
        var (before, after) = (Now.AddSeconds(-80).ToUnixTimeMilliseconds(), Now.AddSeconds(-20).ToUnixTimeMilliseconds());
        var request = new WriteRequest();
        foreach (var (suffix, le, total) in new[] { ("_bucket", "0.1", 50.0), ("_bucket", "0.5", 80), ("_bucket", "1", 100), ("_bucket", "+Inf", 100), ("_sum", null, 31.5), ("_count", null, 100) })
        {
            var series = new TimeSeries { Labels = { new Label { Name = "__name__", Value = "rpc_duration_seconds" + suffix }, new Label { Name = "method", Value = "GetOrder" } } };
            if (le is not null)
            {
                series.Labels.Add(new Label { Name = "le", Value = le });
            }
            series.Samples.Add(new Sample { Value = 0, Timestamp = before });
            series.Samples.Add(new Sample { Value = total, Timestamp = after });
            request.Timeseries.Add(series);
        }
        using var body = new ByteArrayContent(Snappy.Encode(request.ToByteArray()));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        body.Headers.ContentEncoding.Add("snappy");
        using var sent = await Ingest.PostAsync("api/v1/write", body);
        Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);

        await Server.Services.GetRequiredService<AlertEvaluator>().RunCycleAsync(CancellationToken.None);

        var alerts = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts");
        Assert.Equal(["Slow Calls"], alerts["firing"]!.AsArray().Select(alert => (string)alert!["ruleName"]!));
        // Rank 95 of 100 is the 15th of the 20 calls in (0.5 s, 1 s]: 0.5 + 0.5 × 15/20 = 0.875 s.
        var range = $"from={Uri.EscapeDataString(Now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(Now.ToString("O", CultureInfo.InvariantCulture))}";
        var chart = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/metrics/query?name=rpc_duration_seconds&step=5m&{range}");
        Assert.Equal(("histogram", "s", "p95"), ((string)chart["kind"]!, (string)chart["unit"]!, (string)chart["agg"]!));
        Assert.Equal(0.875, (double)chart["series"]![0]!["points"]![0]!["value"]!, 9);
        var average = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/metrics/query?name=rpc_duration_seconds&agg=avg&step=5m&{range}");
        Assert.Equal(0.315, (double)average["series"]![0]!["points"]![0]!["value"]!, 9);
    }
}
