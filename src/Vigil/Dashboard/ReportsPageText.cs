using Vigil.Core.Reports;

namespace Vigil.Dashboard;

/// <summary>The Reports pages' labels, in English and Korean; reached as <see cref="UiText.ReportsPage"/>.</summary>
public sealed class ReportsPageText
{
    public static ReportsPageText English { get; } = new()
    {
        Title = "Reports",
        Subtitle = "Daily reports and weekly reviews as they were sent; times in",
        Schedules = "Schedules",
        Daily = "Daily report",
        Weekly = "Weekly review",
        Off = "off",
        Next = "next",
        Language = "Language",
        Recipients = "Recipients",
        NoRecipients = "none: reports are archived here only",
        SettingsHint = "Change them with PUT /api/projects/{id}/report-settings (see the README's Reports section).",
        Period = "Period",
        Kind = "Report",
        Subject = "Subject",
        Created = "Written",
        OnDemand = "sent on demand",
        NoReports = "No reports yet",
        NoReportsHint = "The first daily report is written at the next scheduled time.",
        AllReports = "All reports",
    };

    public static ReportsPageText Korean { get; } = new()
    {
        Title = "리포트",
        Subtitle = "발송된 일일 리포트와 주간 리뷰입니다. 시간대",
        Schedules = "일정",
        Daily = "일일 리포트",
        Weekly = "주간 리뷰",
        Off = "꺼짐",
        Next = "다음",
        Language = "언어",
        Recipients = "받는 곳",
        NoRecipients = "없음: 여기에만 보관됩니다",
        SettingsHint = "PUT /api/projects/{id}/report-settings 로 바꿉니다 (README의 Reports 절 참고).",
        Period = "기간",
        Kind = "종류",
        Subject = "제목",
        Created = "작성",
        OnDemand = "수동 발송",
        NoReports = "아직 리포트가 없습니다",
        NoReportsHint = "첫 일일 리포트는 다음 예약 시각에 작성됩니다.",
        AllReports = "전체 리포트",
    };

    public required string Title { get; init; }
    public required string Subtitle { get; init; }
    public required string Schedules { get; init; }
    public required string Daily { get; init; }
    public required string Weekly { get; init; }
    public required string Off { get; init; }
    public required string Next { get; init; }
    public required string Language { get; init; }
    public required string Recipients { get; init; }
    public required string NoRecipients { get; init; }
    public required string SettingsHint { get; init; }
    public required string Period { get; init; }
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public required string Created { get; init; }
    public required string OnDemand { get; init; }
    public required string NoReports { get; init; }
    public required string NoReportsHint { get; init; }
    public required string AllReports { get; init; }

    public string KindName(ReportKind kind) => kind == ReportKind.Daily ? Daily : Weekly;

    public static string LanguageName(ReportLanguage language) => language == ReportLanguage.Korean ? "한국어 (ko)" : "English (en)";
}
