using Vigil.Core.Monitors;

namespace Vigil.Core.Tests.Monitors;

public sealed class MonitorValidationTests
{
    [Fact]
    public void Validate_HttpWithOnlyNameAndUrl_TakesTheDefaults()
    {
        var (monitor, errors) = MonitorValidation.Validate(new MonitorInput { Name = " api ", Kind = "http", Url = "https://api.example/health" });

        Assert.Empty(errors);
        Assert.Equal(
            new MonitorDefinition
            {
                Name = "api", Kind = MonitorKind.Http, Url = "https://api.example/health", Method = "GET", ExpectedStatus = StatusRanges.Default,
                Interval = TimeSpan.FromSeconds(60), Timeout = TimeSpan.FromSeconds(10), FollowRedirects = true,
            },
            monitor);
    }

    [Fact]
    public void Validate_TlsAndHeartbeatDefaults_Port443Warn14PeriodOneDayGraceOneHour()
    {
        var (tls, _) = MonitorValidation.Validate(new MonitorInput { Name = "cert", Kind = "tls", Host = "api.example" });
        var (heartbeat, _) = MonitorValidation.Validate(new MonitorInput { Name = "backup", Kind = "HEARTBEAT" });

        Assert.Equal((443, 14), (tls!.Port, tls.WarnDays));
        Assert.Equal((TimeSpan.FromDays(1), TimeSpan.FromHours(1)), (heartbeat!.Period, heartbeat.Grace));
    }

    [Theory]
    [InlineData("name", "{\"Kind\":\"http\",\"Url\":\"https://a.example\"}")]
    [InlineData("kind", "{\"Name\":\"a\",\"Kind\":\"ping\"}")]
    [InlineData("intervalSeconds", "{\"Name\":\"a\",\"Kind\":\"tcp\",\"Host\":\"db\",\"Port\":5432,\"IntervalSeconds\":5}")]
    [InlineData("timeoutSeconds", "{\"Name\":\"a\",\"Kind\":\"tcp\",\"Host\":\"db\",\"Port\":5432,\"IntervalSeconds\":10,\"TimeoutSeconds\":20}")]
    [InlineData("url", "{\"Name\":\"a\",\"Kind\":\"http\",\"Url\":\"ftp://a.example\"}")]
    [InlineData("method", "{\"Name\":\"a\",\"Kind\":\"http\",\"Url\":\"https://a.example\",\"Method\":\"FETCH\"}")]
    [InlineData("expectedStatus", "{\"Name\":\"a\",\"Kind\":\"http\",\"Url\":\"https://a.example\",\"ExpectedStatus\":\"2xx\"}")]
    [InlineData("maxLatencyMs", "{\"Name\":\"a\",\"Kind\":\"http\",\"Url\":\"https://a.example\",\"MaxLatencyMs\":0}")]
    [InlineData("host", "{\"Name\":\"a\",\"Kind\":\"tcp\",\"Host\":\"https://db\",\"Port\":5432}")]
    [InlineData("port", "{\"Name\":\"a\",\"Kind\":\"tcp\",\"Host\":\"db\"}")]
    [InlineData("port", "{\"Name\":\"a\",\"Kind\":\"tls\",\"Host\":\"db\",\"Port\":70000}")]
    [InlineData("warnDays", "{\"Name\":\"a\",\"Kind\":\"tls\",\"Host\":\"db\",\"WarnDays\":-1}")]
    [InlineData("periodSeconds", "{\"Name\":\"a\",\"Kind\":\"heartbeat\",\"PeriodSeconds\":5}")]
    [InlineData("graceSeconds", "{\"Name\":\"a\",\"Kind\":\"heartbeat\",\"GraceSeconds\":-5}")]
    public void Validate_OneBadField_NamesThatField(string field, string json)
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<MonitorInput>(json)!;

        var (monitor, errors) = MonitorValidation.Validate(input);

        Assert.Null(monitor);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void From_ValidatedMonitor_ValidatesBackToTheSameDefinition()
    {
        var (monitor, _) = MonitorValidation.Validate(new MonitorInput
        {
            Name = "api", Kind = "http", Url = "https://api.example", Method = "post", ExpectedStatus = "200, 202", Keyword = "ok",
            MaxLatencyMs = 800, FollowRedirects = false, IntervalSeconds = 30, TimeoutSeconds = 5,
        });

        var (again, errors) = MonitorValidation.Validate(MonitorInput.From(monitor!));

        Assert.Empty(errors);
        Assert.Equal(monitor, again);
    }

    [Theory]
    [InlineData(30, "30 s")]
    [InlineData(90, "90 s")]
    [InlineData(300, "5 min")]
    [InlineData(7200, "2 h")]
    [InlineData(86400, "1 d")]
    public void FormatSeconds_WholeUnits_LargestThatDivides(int seconds, string expected) =>
        Assert.Equal(expected, MonitorValidation.FormatSeconds(TimeSpan.FromSeconds(seconds)));
}
