using System.Globalization;

namespace Vigil.Core.Reports;

/// <summary>Every word a report writes, in English and Korean; numbers are formatted by <see cref="ReportNumbers"/> in both.</summary>
public sealed class ReportText
{
    public static ReportText English { get; } = new()
    {
        DailyTitle = "Daily report",
        WeeklyTitle = "Weekly review",
        Metrics = "Key numbers (vs the day before)",
        WeeklyTotals = "Totals for the week (vs the week before)",
        New = "new",
        Visitors = "Visitors",
        Signups = "Signups",
        AppsCreated = "Apps created",
        Orders = "Orders",
        Performance = "Performance",
        ErrorRate = "Error rate",
        AverageResponseTime = "Average response time",
        Uptime = "Uptime",
        Target = "target",
        NoData = "no data",
        Plans = "Signups by plan",
        Events = "Notable events",
        NoEvents = "Nothing unusual",
        Spike = (views, usual) => $"Traffic spike: {views} page views in the hour (usually {usual})",
        Incident = (name, minutes) => $"Incident: {name} down for {minutes} min",
        IncidentOngoing = name => $"Incident: {name} down, still ongoing",
        AlertFired = name => $"Alert fired: {name}",
        AlertResolved = name => $"Alert resolved: {name}",
        Feedback = "Feedback",
        Positive = "positive",
        Neutral = "neutral",
        Negative = "negative",
        TopComplaint = "Top complaint",
        Actions = "Action items",
        NoActions = "None",
        OpenAlert = "Open alert",
        Regression = "Regression",
        NegativeTheme = "Top negative theme",
        Goals = "Goals vs actual",
        Goal = "goal",
        Actual = "actual",
        Achievement = "achievement",
        TopIssues = "Top issues",
        NoIssues = "No errors this week",
        Occurrences = count => count == 1 ? "occurrence" : "occurrences",
        Users = count => count == 1 ? "user" : "users",
        Regressed = "regressed",
        TopFeedback = "Top feedback",
        Mentions = count => count == 1 ? "mention" : "mentions",
        Experiments = "Experiments with a result",
        NoExperiments = "No experiments reached a result",
        Dashboard = "Dashboard",
        Report = "Full report",
        Culture = CultureInfo.GetCultureInfo("en-US"),
        DateFormat = "ddd yyyy-MM-dd",
    };

    public static ReportText Korean { get; } = new()
    {
        DailyTitle = "일일 리포트",
        WeeklyTitle = "주간 리뷰",
        Metrics = "주요 지표 (전일 대비)",
        WeeklyTotals = "주간 합계 (전주 대비)",
        New = "신규",
        Visitors = "방문자",
        Signups = "가입",
        AppsCreated = "앱 생성",
        Orders = "주문",
        Performance = "성능",
        ErrorRate = "오류율",
        AverageResponseTime = "평균 응답 시간",
        Uptime = "가동률",
        Target = "목표",
        NoData = "데이터 없음",
        Plans = "요금제별 가입",
        Events = "주요 이벤트",
        NoEvents = "특이 사항 없음",
        Spike = (views, usual) => $"트래픽 급증: 한 시간에 페이지뷰 {views}회 (평소 {usual}회)",
        Incident = (name, minutes) => $"장애: {name} {minutes}분간 중단",
        IncidentOngoing = name => $"장애: {name} 중단, 진행 중",
        AlertFired = name => $"알림 발생: {name}",
        AlertResolved = name => $"알림 해소: {name}",
        Feedback = "피드백",
        Positive = "긍정",
        Neutral = "중립",
        Negative = "부정",
        TopComplaint = "가장 많은 불만",
        Actions = "조치 항목",
        NoActions = "없음",
        OpenAlert = "진행 중인 알림",
        Regression = "재발한 오류",
        NegativeTheme = "주요 부정 주제",
        Goals = "목표 대비 실적",
        Goal = "목표",
        Actual = "실적",
        Achievement = "달성률",
        TopIssues = "주요 오류",
        NoIssues = "이번 주 오류 없음",
        Occurrences = _ => "회 발생",
        Users = _ => "명 영향",
        Regressed = "재발",
        TopFeedback = "주요 피드백",
        Mentions = _ => "회 언급",
        Experiments = "결과가 나온 실험",
        NoExperiments = "결과가 나온 실험 없음",
        Dashboard = "대시보드",
        Report = "전체 리포트",
        Culture = CultureInfo.GetCultureInfo("ko-KR"),
        DateFormat = "yyyy-MM-dd (ddd)",
    };

    public static ReportText For(ReportLanguage language) => language == ReportLanguage.Korean ? Korean : English;

    public required string DailyTitle { get; init; }
    public required string WeeklyTitle { get; init; }
    public required string Metrics { get; init; }
    public required string WeeklyTotals { get; init; }
    public required string New { get; init; }
    public required string Visitors { get; init; }
    public required string Signups { get; init; }
    public required string AppsCreated { get; init; }
    public required string Orders { get; init; }
    public required string Performance { get; init; }
    public required string ErrorRate { get; init; }
    public required string AverageResponseTime { get; init; }
    public required string Uptime { get; init; }
    public required string Target { get; init; }
    public required string NoData { get; init; }
    public required string Plans { get; init; }
    public required string Events { get; init; }
    public required string NoEvents { get; init; }
    public required Func<string, string, string> Spike { get; init; }
    public required Func<string, string, string> Incident { get; init; }
    public required Func<string, string> IncidentOngoing { get; init; }
    public required Func<string, string> AlertFired { get; init; }
    public required Func<string, string> AlertResolved { get; init; }
    public required string Feedback { get; init; }
    public required string Positive { get; init; }
    public required string Neutral { get; init; }
    public required string Negative { get; init; }
    public required string TopComplaint { get; init; }
    public required string Actions { get; init; }
    public required string NoActions { get; init; }
    public required string OpenAlert { get; init; }
    public required string Regression { get; init; }
    public required string NegativeTheme { get; init; }
    public required string Goals { get; init; }
    public required string Goal { get; init; }
    public required string Actual { get; init; }
    public required string Achievement { get; init; }
    public required string TopIssues { get; init; }
    public required string NoIssues { get; init; }
    /// <summary>The unit after a count of occurrences, in the count's number (English has a singular).</summary>
    public required Func<long, string> Occurrences { get; init; }
    public required Func<long, string> Users { get; init; }
    public required string Regressed { get; init; }
    public required string TopFeedback { get; init; }
    public required Func<long, string> Mentions { get; init; }
    public required string Experiments { get; init; }
    public required string NoExperiments { get; init; }
    public required string Dashboard { get; init; }
    public required string Report { get; init; }
    public required CultureInfo Culture { get; init; }
    public required string DateFormat { get; init; }

    public string Name(HeadlineMetricName name) => name switch
    {
        HeadlineMetricName.Visitors => Visitors,
        HeadlineMetricName.Signups => Signups,
        HeadlineMetricName.AppsCreated => AppsCreated,
        _ => Orders,
    };

    public string Name(PerformanceMetricName name) => name switch
    {
        PerformanceMetricName.ErrorRate => ErrorRate,
        PerformanceMetricName.AverageResponseTime => AverageResponseTime,
        _ => Uptime,
    };

    public string Date(DateOnly date) => date.ToString(DateFormat, Culture);
}
