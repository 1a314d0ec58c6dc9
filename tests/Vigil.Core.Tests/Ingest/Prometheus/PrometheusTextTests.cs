using Vigil.Core.Ingest.Prometheus;

namespace Vigil.Core.Tests.Ingest.Prometheus;

public sealed class PrometheusTextTests
{
    private const string Exposition = """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        # Escaping in label values:
        msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

        # Minimalistic line:
        metric_without_timestamp_and_labels 12.47

        # A weird metric from before the epoch:
        something_weird{problem="division by zero"} +Inf -3982045

        # A histogram, which has a pretty complex representation in the text format:
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="0.1"} 33444
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320

        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.5",} 4773
        rpc_duration_seconds{quantile="0.99"} NaN
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693
        """;

    [Fact]
    public void Parse_TheSpecificationsExample_FamiliesSamplesEscapesAndSpecialValues()
    {
        var (families, problems) = PrometheusText.Parse(Exposition);

        Assert.Empty(problems);
        Assert.Equal(
            ["http_requests_total:counter:2", "msdos_file_access_time_seconds:untyped:1", "metric_without_timestamp_and_labels:untyped:1",
             "something_weird:untyped:1", "http_request_duration_seconds:histogram:5", "rpc_duration_seconds:summary:4"],
            families.Select(family => $"{family.Name}:{family.Type}:{family.Samples.Count}"));
        Assert.Equal("The total number of HTTP requests.", families[0].Help);
        var second = families[0].Samples[1];
        Assert.Equal(("http_requests_total", 3.0, 1395066363000L), (second.Name, second.Value, second.TimestampMs!.Value));
        Assert.Equal([new("method", "post"), new("code", "400")], second.Labels);
        Assert.Equal([new("path", "C:\\DIR\\FILE.TXT"), new("error", "Cannot find file:\n\"FILE.TXT\"")], families[1].Samples[0].Labels);
        Assert.Equal(1.458255915e9, families[1].Samples[0].Value);
        Assert.Equal((double.PositiveInfinity, -3982045L), (families[3].Samples[0].Value, families[3].Samples[0].TimestampMs!.Value));
        Assert.Equal(["http_request_duration_seconds_bucket", "http_request_duration_seconds_bucket", "http_request_duration_seconds_bucket", "http_request_duration_seconds_sum", "http_request_duration_seconds_count"],
            families[4].Samples.Select(sample => sample.Name));
        Assert.True(double.IsNaN(families[5].Samples[1].Value));
        Assert.Null(families[2].Samples[0].TimestampMs);
    }

    [Theory]
    [InlineData("9lives 1", "expected a metric name")]
    [InlineData("up{job=prometheus} 1", "double-quoted value for job")]
    [InlineData("up{job=\"a\" instance=\"b\"} 1", "expected ',' or '}'")]
    [InlineData("up one", "expected a value")]
    [InlineData("up 1 yesterday", "not whole milliseconds")]
    public void Parse_BadLine_ReportedWithItsNumberAndSkipped(string line, string expected)
    {
        var (families, problems) = PrometheusText.Parse($"ok 1\n{line}\n");

        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains(expected, problem.Error, StringComparison.Ordinal);
        Assert.Equal("ok", Assert.Single(families).Name);
    }

    [Fact]
    public void Writer_OutputParsesBackToTheSameFamilies()
    {
        var text = new PrometheusTextWriter()
            .Family("queue_depth", "gauge", "Jobs waiting.\nPer queue.")
            .Sample("queue_depth", 3, ("queue", "mail \"fast\" \\ lane"))
            .Histogram("commit_seconds", "Commit time.", [0.01, 0.1], [2, 5], 6, 0.75)
            .ToString();

        var (families, problems) = PrometheusText.Parse(text);

        Assert.Empty(problems);
        Assert.Equal("Jobs waiting.\nPer queue.", families[0].Help);
        Assert.Equal("mail \"fast\" \\ lane", families[0].Samples[0].Labels[0].Value);
        Assert.Equal([2.0, 5, 6, 0.75, 6], families[1].Samples.Select(sample => sample.Value));
        Assert.Equal("+Inf", families[1].Samples[2].Labels[0].Value);
    }

}
