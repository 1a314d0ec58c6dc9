namespace Vigil.Dashboard;

/// <summary>The metrics page's labels, in English and Korean; reached as <see cref="UiText.MetricsPage"/>.</summary>
public sealed class MetricsPageText
{
    public static MetricsPageText English { get; } = new()
    {
        Title = "Metrics",
        Metric = "Metric",
        Aggregation = "Aggregation",
        Range = "Range",
        Show = "Show",
        LastHour = "Last hour",
        LastDay = "Last 24 hours",
        LastWeek = "Last 7 days",
        Series = "series",
        NoMetrics = "No metrics yet",
        NoMetricsHint = "Send OpenTelemetry metrics to /v1/metrics, remote-write from Prometheus to /api/v1/write, or add a scrape target; the series show here.",
        NoData = "No data in this range.",
        Unit = "Unit",
    };

    public static MetricsPageText Korean { get; } = new()
    {
        Title = "메트릭",
        Metric = "메트릭",
        Aggregation = "집계",
        Range = "기간",
        Show = "보기",
        LastHour = "최근 1시간",
        LastDay = "최근 24시간",
        LastWeek = "최근 7일",
        Series = "시리즈",
        NoMetrics = "아직 메트릭이 없습니다",
        NoMetricsHint = "OpenTelemetry 메트릭을 /v1/metrics로 보내거나, Prometheus에서 /api/v1/write로 remote-write하거나, 스크레이프 대상을 추가하면 시리즈가 여기에 표시됩니다.",
        NoData = "이 기간에는 데이터가 없습니다.",
        Unit = "단위",
    };

    public required string Title { get; init; }
    public required string Metric { get; init; }
    public required string Aggregation { get; init; }
    public required string Range { get; init; }
    public required string Show { get; init; }
    public required string LastHour { get; init; }
    public required string LastDay { get; init; }
    public required string LastWeek { get; init; }
    public required string Series { get; init; }
    public required string NoMetrics { get; init; }
    public required string NoMetricsHint { get; init; }
    public required string NoData { get; init; }
    public required string Unit { get; init; }
}
