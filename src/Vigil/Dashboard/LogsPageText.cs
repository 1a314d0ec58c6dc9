using Vigil.Core.Logs;

namespace Vigil.Dashboard;

/// <summary>The logs page's labels, in English and Korean; reached as <see cref="UiText.LogsPage"/>.</summary>
public sealed class LogsPageText
{
    public static LogsPageText English { get; } = new()
    {
        TimesIn = "Times in",
        Search = "Search",
        SearchHint = "Every word must appear; \"quoted words\" as a phrase; word* for a prefix.",
        Level = "Level",
        AnyLevel = "Any level",
        AndAbove = "{0} and above",
        LevelNames = ["Trace", "Debug", "Info", "Warn", "Error", "Fatal"],
        From = "From",
        To = "To",
        TraceId = "Trace id",
        Attribute = "Attribute",
        AttributeHint = "key:value",
        Apply = "Search",
        Clear = "Clear",
        Time = "Time",
        Service = "Service",
        Message = "Message",
        Attributes = "Attributes",
        Trace = "Trace",
        NoLogs = "No log lines match",
        NoLogsHint = "Send logs with an OpenTelemetry SDK or as JSON to /v1/logs; see the README.",
        LoadOlder = "Load older",
        Retention = "Lines are kept for {0} days (project settings).",
        BadSearch = "The search could not run: {0}",
    };

    public static LogsPageText Korean { get; } = new()
    {
        TimesIn = "시간대",
        Search = "검색어",
        SearchHint = "모든 단어가 들어 있는 로그를 찾습니다. \"따옴표\"는 구절로, 단어*는 접두어로 찾습니다.",
        Level = "레벨",
        AnyLevel = "모든 레벨",
        AndAbove = "{0} 이상",
        LevelNames = ["추적", "디버그", "정보", "경고", "오류", "치명"],
        From = "시작",
        To = "끝",
        TraceId = "트레이스 ID",
        Attribute = "속성",
        AttributeHint = "키:값",
        Apply = "검색",
        Clear = "초기화",
        Time = "시간",
        Service = "서비스",
        Message = "메시지",
        Attributes = "속성",
        Trace = "트레이스",
        NoLogs = "일치하는 로그가 없습니다",
        NoLogsHint = "OpenTelemetry SDK나 JSON으로 /v1/logs에 로그를 보내세요. README를 참고하세요.",
        LoadOlder = "이전 로그 더 보기",
        Retention = "로그는 {0}일 동안 보관됩니다(프로젝트 설정).",
        BadSearch = "검색 조건을 확인하세요: {0}",
    };

    public required string TimesIn { get; init; }
    public required string Search { get; init; }
    public required string SearchHint { get; init; }
    public required string Level { get; init; }
    public required string AnyLevel { get; init; }
    public required string AndAbove { get; init; }
    public required IReadOnlyList<string> LevelNames { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string TraceId { get; init; }
    public required string Attribute { get; init; }
    public required string AttributeHint { get; init; }
    public required string Apply { get; init; }
    public required string Clear { get; init; }
    public required string Time { get; init; }
    public required string Service { get; init; }
    public required string Message { get; init; }
    public required string Attributes { get; init; }
    public required string Trace { get; init; }
    public required string NoLogs { get; init; }
    public required string NoLogsHint { get; init; }
    public required string LoadOlder { get; init; }
    public required string Retention { get; init; }
    public required string BadSearch { get; init; }

    public string LevelName(LogSeverity level) => LevelNames[(int)level - 1];
}
