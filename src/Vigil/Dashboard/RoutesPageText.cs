namespace Vigil.Dashboard;

/// <summary>The Routes page's labels (and its CSV columns), in English and Korean; reached as <see cref="UiText.RoutesPage"/>.</summary>
public sealed class RoutesPageText
{
    public static RoutesPageText English { get; } = new()
    {
        Title = "Routes",
        Hint = "Requests per route over whole UTC hours; percentiles within 1%.",
        Range24Hours = "24 h",
        Range7Days = "7 d",
        Range30Days = "30 d",
        Method = "Method",
        Route = "Route",
        Requests = "Requests",
        RequestsPerSecond = "Requests/s",
        AverageMs = "Average (ms)",
        ClientErrorRate = "4xx rate",
        ServerErrorRate = "5xx rate",
        Slowest = "Slowest requests",
        SlowestHint = "The trace id opens the logs of the same trace.",
        Time = "Time",
        Status = "Status",
        DurationMs = "Duration (ms)",
        TraceId = "Trace id",
        NoTrace = "no trace id",
        Other = "(other routes)",
        Empty = "No requests in this range",
        EmptyHint = "Send request telemetry with POST /v1/requests, or export HTTP server spans over OTLP (/v1/traces).",
    };

    public static RoutesPageText Korean { get; } = new()
    {
        Title = "라우트",
        Hint = "UTC 기준 정시 단위로 집계한 라우트별 요청이며, 백분위수 오차는 1% 이내입니다.",
        Range24Hours = "24시간",
        Range7Days = "7일",
        Range30Days = "30일",
        Method = "메서드",
        Route = "라우트",
        Requests = "요청 수",
        RequestsPerSecond = "초당 요청",
        AverageMs = "평균(ms)",
        ClientErrorRate = "4xx 비율",
        ServerErrorRate = "5xx 비율",
        Slowest = "가장 느린 요청",
        SlowestHint = "트레이스 ID를 누르면 같은 트레이스의 로그가 열립니다.",
        Time = "시각",
        Status = "상태",
        DurationMs = "소요 시간(ms)",
        TraceId = "트레이스 ID",
        NoTrace = "트레이스 ID 없음",
        Other = "(기타 라우트)",
        Empty = "이 기간에 요청이 없습니다",
        EmptyHint = "POST /v1/requests로 요청 텔레메트리를 보내거나 OTLP(/v1/traces)로 HTTP 서버 스팬을 내보내세요.",
    };

    public required string Title { get; init; }

    public required string Hint { get; init; }

    public required string Range24Hours { get; init; }

    public required string Range7Days { get; init; }

    public required string Range30Days { get; init; }

    public required string Method { get; init; }

    public required string Route { get; init; }

    public required string Requests { get; init; }

    public required string RequestsPerSecond { get; init; }

    public required string AverageMs { get; init; }

    public required string ClientErrorRate { get; init; }

    public required string ServerErrorRate { get; init; }

    public required string Slowest { get; init; }

    public required string SlowestHint { get; init; }

    public required string Time { get; init; }

    public required string Status { get; init; }

    public required string DurationMs { get; init; }

    public required string TraceId { get; init; }

    public required string NoTrace { get; init; }

    /// <summary>How the page names the row of routes beyond the limits.</summary>
    public required string Other { get; init; }

    public required string Empty { get; init; }

    public required string EmptyHint { get; init; }

    public string RangeLabel(DashboardRange range) => range switch
    {
        DashboardRange.Last7Days => Range7Days,
        DashboardRange.Last30Days => Range30Days,
        _ => Range24Hours,
    };
}
