using System.Globalization;
using Vigil.Core.Storage;

namespace Vigil.Dashboard;

/// <summary>The Issues pages' labels, in English and Korean; reached as <see cref="UiText.IssuesPage"/>.</summary>
public sealed class IssuesPageText
{
    public static IssuesPageText English { get; } = new()
    {
        TimesIn = "Times in",
        Open = "Open",
        Resolved = "Resolved",
        Ignored = "Ignored",
        All = "All",
        Regression = "Regression",
        Issue = "Issue",
        Status = "Status",
        Events = "Events",
        Hour = "Hour",
        Users = "Users",
        FirstSeen = "First seen",
        LastSeen = "Last seen",
        Trend = "Trend",
        Range24Hours = "24 h",
        Range7Days = "7 d",
        Range30Days = "30 d",
        Range90Days = "90 d",
        PerHour = "per hour",
        PerDay = "per 24 hours",
        NoIssuesHere = "No issues with this status",
        NoIssuesHereHint = "Other tabs may have some.",
        NoErrorsYet = "No errors yet",
        HowToSend = "Errors are grouped into issues as they arrive. To send them:",
        HowToSendApi = "from a server or a job: POST /v1/errors with the ingest key,",
        HowToSendSnippet = "from web pages: the browser snippet reports uncaught errors and unhandled promise rejections by itself,",
        HowToSendSentry = "Sentry SDKs (with a DSN) are coming.",
        Resolve = "Resolve",
        Ignore = "Ignore",
        Reopen = "Reopen",
        MarkedResolved = "Issue resolved. If it happens again it reopens as a regression.",
        MarkedIgnored = "Issue ignored.",
        MarkedOpen = "Issue reopened.",
        UnknownStatus = "Choose Resolve, Ignore or Reopen.",
        IssueNotFound = "This issue does not exist.",
        AllIssues = "All issues",
        Regressions = "Regressions",
        CameBack = "Came back",
        ResolvedAt = "Resolved at",
        StackTrace = "Stack trace",
        InnermostFirst = "innermost frame first",
        NoStackTrace = "This error came without a stack trace.",
        LibraryFrames = "{0} library frames",
        LibraryFrame = "1 library frame",
        Anonymous = "(anonymous)",
        Tags = "Tags",
        Level = "Level",
        Release = "Release",
        Environment = "Environment",
        User = "User",
        Trace = "Trace",
        Source = "Source",
        Time = "Time",
        Message = "Message",
        TraceLogs = "Logs of this trace",
        NewestOccurrences = "Newest occurrences",
        NoOccurrences = "Its errors are no longer kept.",
        JustNow = "just now",
        MinutesAgo = "{0} min ago",
        HoursAgo = "{0} h ago",
        DaysAgo = "{0} d ago",
    };

    public static IssuesPageText Korean { get; } = new()
    {
        TimesIn = "시간대",
        Open = "미해결",
        Resolved = "해결됨",
        Ignored = "무시됨",
        All = "전체",
        Regression = "재발",
        Issue = "이슈",
        Status = "상태",
        Events = "발생 수",
        Hour = "시간",
        Users = "사용자",
        FirstSeen = "처음 발생",
        LastSeen = "마지막 발생",
        Trend = "추이",
        Range24Hours = "24시간",
        Range7Days = "7일",
        Range30Days = "30일",
        Range90Days = "90일",
        PerHour = "시간별",
        PerDay = "24시간별",
        NoIssuesHere = "이 상태의 이슈가 없습니다",
        NoIssuesHereHint = "다른 탭을 확인해 보세요.",
        NoErrorsYet = "아직 에러가 없습니다",
        HowToSend = "에러는 들어오는 대로 이슈로 묶입니다. 보내는 방법:",
        HowToSendApi = "서버나 작업에서: 수집 키와 함께 POST /v1/errors,",
        HowToSendSnippet = "웹 페이지에서: 브라우저 스니펫이 처리되지 않은 에러와 처리되지 않은 Promise 거부를 자동으로 보냅니다,",
        HowToSendSentry = "Sentry SDK(DSN) 지원은 준비 중입니다.",
        Resolve = "해결",
        Ignore = "무시",
        Reopen = "다시 열기",
        MarkedResolved = "이슈를 해결됨으로 표시했습니다. 다시 발생하면 재발로 다시 열립니다.",
        MarkedIgnored = "이슈를 무시합니다.",
        MarkedOpen = "이슈를 다시 열었습니다.",
        UnknownStatus = "해결, 무시, 다시 열기 중 하나를 고르세요.",
        IssueNotFound = "존재하지 않는 이슈입니다.",
        AllIssues = "이슈 목록",
        Regressions = "재발 횟수",
        CameBack = "재발 시각",
        ResolvedAt = "해결 시각",
        StackTrace = "스택 트레이스",
        InnermostFirst = "가장 안쪽 프레임부터",
        NoStackTrace = "이 에러에는 스택 트레이스가 없습니다.",
        LibraryFrames = "라이브러리 프레임 {0}개",
        LibraryFrame = "라이브러리 프레임 1개",
        Anonymous = "(익명)",
        Tags = "태그",
        Level = "레벨",
        Release = "릴리스",
        Environment = "환경",
        User = "사용자",
        Trace = "트레이스",
        Source = "출처",
        Time = "시각",
        Message = "메시지",
        TraceLogs = "이 트레이스의 로그",
        NewestOccurrences = "최근 발생",
        NoOccurrences = "이 이슈의 에러는 더 이상 보관되어 있지 않습니다.",
        JustNow = "방금",
        MinutesAgo = "{0}분 전",
        HoursAgo = "{0}시간 전",
        DaysAgo = "{0}일 전",
    };

    public required string TimesIn { get; init; }
    public required string Open { get; init; }
    public required string Resolved { get; init; }
    public required string Ignored { get; init; }
    public required string All { get; init; }
    public required string Regression { get; init; }
    public required string Issue { get; init; }
    public required string Status { get; init; }
    public required string Events { get; init; }
    public required string Hour { get; init; }
    public required string Users { get; init; }
    public required string FirstSeen { get; init; }
    public required string LastSeen { get; init; }
    public required string Trend { get; init; }
    public required string Range24Hours { get; init; }
    public required string Range7Days { get; init; }
    public required string Range30Days { get; init; }
    public required string Range90Days { get; init; }
    public required string PerHour { get; init; }
    public required string PerDay { get; init; }
    public required string NoIssuesHere { get; init; }
    public required string NoIssuesHereHint { get; init; }
    public required string NoErrorsYet { get; init; }
    public required string HowToSend { get; init; }
    public required string HowToSendApi { get; init; }
    public required string HowToSendSnippet { get; init; }
    public required string HowToSendSentry { get; init; }
    public required string Resolve { get; init; }
    public required string Ignore { get; init; }
    public required string Reopen { get; init; }
    public required string MarkedResolved { get; init; }
    public required string MarkedIgnored { get; init; }
    public required string MarkedOpen { get; init; }
    public required string UnknownStatus { get; init; }
    public required string IssueNotFound { get; init; }
    public required string AllIssues { get; init; }
    public required string Regressions { get; init; }
    public required string CameBack { get; init; }
    public required string ResolvedAt { get; init; }
    public required string StackTrace { get; init; }
    public required string InnermostFirst { get; init; }
    public required string NoStackTrace { get; init; }
    public required string LibraryFrames { get; init; }
    public required string LibraryFrame { get; init; }
    public required string Anonymous { get; init; }
    public required string Tags { get; init; }
    public required string Level { get; init; }
    public required string Release { get; init; }
    public required string Environment { get; init; }
    public required string User { get; init; }
    public required string Trace { get; init; }
    public required string Source { get; init; }
    public required string Time { get; init; }
    public required string Message { get; init; }
    public required string TraceLogs { get; init; }
    public required string NewestOccurrences { get; init; }
    public required string NoOccurrences { get; init; }
    public required string JustNow { get; init; }
    public required string MinutesAgo { get; init; }
    public required string HoursAgo { get; init; }
    public required string DaysAgo { get; init; }

    public string StatusLabel(IssueStatus? status) => status switch
    {
        IssueStatus.Open => Open,
        IssueStatus.Resolved => Resolved,
        IssueStatus.Ignored => Ignored,
        _ => All,
    };

    public string RangeLabel(string range) => range switch
    {
        "7d" => Range7Days,
        "30d" => Range30Days,
        "90d" => Range90Days,
        _ => Range24Hours,
    };

    /// <summary>What a status button did, for the notice after its redirect.</summary>
    public string StatusChanged(IssueStatus status) => status switch
    {
        IssueStatus.Resolved => MarkedResolved,
        IssueStatus.Ignored => MarkedIgnored,
        _ => MarkedOpen,
    };

    public string LibraryFrameCount(int count) =>
        count == 1 ? LibraryFrame : string.Format(CultureInfo.InvariantCulture, LibraryFrames, count);

    /// <summary>"just now" under a minute (and for instants a skewed clock put ahead), then minutes, hours up to two days, days.</summary>
    public string Ago(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return JustNow;
        }
        var (format, amount) = elapsed switch
        {
            _ when elapsed < TimeSpan.FromHours(1) => (MinutesAgo, (long)elapsed.TotalMinutes),
            _ when elapsed < TimeSpan.FromHours(48) => (HoursAgo, (long)elapsed.TotalHours),
            _ => (DaysAgo, (long)elapsed.TotalDays),
        };
        return string.Format(CultureInfo.InvariantCulture, format, amount);
    }
}
