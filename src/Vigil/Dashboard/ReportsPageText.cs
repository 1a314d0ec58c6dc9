using Vigil.Core.Reports;
using Vigil.Reports;

namespace Vigil.Dashboard;

/// <summary>The Reports pages' labels, in English and Korean; reached as <see cref="UiText.ReportsPage"/>.</summary>
public sealed class ReportsPageText
{
    public static ReportsPageText English { get; } = new()
    {
        Title = "Reports",
        Subtitle = "Daily reports and weekly reviews as they were sent; times in",
        Schedules = "Schedules and recipients",
        Daily = "Daily report",
        Weekly = "Weekly review",
        SendDaily = "Send the daily report",
        SendWeekly = "Send the weekly review",
        Schedule = "Schedule (cron)",
        ScheduleHint = "minute hour day-of-month month day-of-week in the project's time zone: 0 9 * * * is 09:00 every day, 0 10 * * 1 Mondays at 10:00.",
        Off = "Off: not written or sent.",
        Next = "Next send:",
        NeverSent = "This expression matches no date, so the report is never sent.",
        Language = "Report language",
        Recipients = "Recipients",
        RecipientsHint = "One a line: an address, or the name of a channel or contact in the project's alert rule file. With none, reports are only archived here.",
        SlackRecipients = "Slack: webhook URLs or channels",
        EmailRecipients = "E-mail: addresses or contacts",
        WebhookRecipients = "Webhook: URLs or channels",
        SettingsHint = "The same settings as PUT /api/projects/{id}/report-settings.",
        Save = "Save report settings",
        Saved = "Report settings saved.",
        FixErrors = "The report settings were not saved; fix the marked fields.",
        SendNow = "Send now or preview",
        SendNowHint = "Yesterday's report in the report language. A preview is neither archived nor sent; sending archives it and delivers it to the recipients.",
        PreviewDaily = "Preview daily report",
        PreviewWeekly = "Preview weekly review",
        SendDailyNow = "Send daily report now",
        SendWeeklyNow = "Send weekly review now",
        Preview = "Preview",
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
        Schedules = "일정과 받는 곳",
        Daily = "일일 리포트",
        Weekly = "주간 리뷰",
        SendDaily = "일일 리포트 보내기",
        SendWeekly = "주간 리뷰 보내기",
        Schedule = "일정 (cron)",
        ScheduleHint = "프로젝트 시간대의 분 시 일 월 요일: 0 9 * * * 는 매일 09:00, 0 10 * * 1 은 매주 월요일 10:00입니다.",
        Off = "꺼짐: 작성하거나 보내지 않습니다.",
        Next = "다음 발송:",
        NeverSent = "이 식에 맞는 날짜가 없어 리포트가 발송되지 않습니다.",
        Language = "리포트 언어",
        Recipients = "받는 곳",
        RecipientsHint = "한 줄에 하나씩: 주소, 또는 프로젝트 알림 규칙 파일의 채널이나 연락처 이름. 없으면 리포트는 여기에만 보관됩니다.",
        SlackRecipients = "Slack: 웹훅 URL 또는 채널",
        EmailRecipients = "이메일: 주소 또는 연락처",
        WebhookRecipients = "웹훅: URL 또는 채널",
        SettingsHint = "PUT /api/projects/{id}/report-settings 와 같은 설정입니다.",
        Save = "리포트 설정 저장",
        Saved = "리포트 설정을 저장했습니다.",
        FixErrors = "리포트 설정을 저장하지 못했습니다. 표시된 칸을 고치세요.",
        SendNow = "지금 보내기 또는 미리 보기",
        SendNowHint = "어제 리포트를 리포트 언어로 씁니다. 미리 보기는 보관하거나 보내지 않고, 보내기는 보관한 뒤 받는 곳에 전달합니다.",
        PreviewDaily = "일일 리포트 미리 보기",
        PreviewWeekly = "주간 리뷰 미리 보기",
        SendDailyNow = "일일 리포트 지금 보내기",
        SendWeeklyNow = "주간 리뷰 지금 보내기",
        Preview = "미리 보기",
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
    public required string SendDaily { get; init; }
    public required string SendWeekly { get; init; }
    public required string Schedule { get; init; }
    public required string ScheduleHint { get; init; }
    public required string Off { get; init; }
    public required string Next { get; init; }
    public required string NeverSent { get; init; }
    public required string Language { get; init; }
    public required string Recipients { get; init; }
    public required string RecipientsHint { get; init; }
    public required string SlackRecipients { get; init; }
    public required string EmailRecipients { get; init; }
    public required string WebhookRecipients { get; init; }
    public required string SettingsHint { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string FixErrors { get; init; }
    public required string SendNow { get; init; }
    public required string SendNowHint { get; init; }
    public required string PreviewDaily { get; init; }
    public required string PreviewWeekly { get; init; }
    public required string SendDailyNow { get; init; }
    public required string SendWeeklyNow { get; init; }
    public required string Preview { get; init; }
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

    /// <summary>A refused setting beside its field: the check's own words in English, what the field takes in Korean.</summary>
    public string FieldError(ReportSettingsProblem problem)
    {
        if (!ReferenceEquals(this, Korean))
        {
            return char.ToUpperInvariant(problem.Reason[0]) + problem.Reason[1..];
        }
        return problem.Field switch
        {
            "dailySchedule" or "weeklySchedule" =>
                "cron 식은 분 시 일 월 요일의 다섯 칸입니다 (예: 0 9 * * *). 각 칸에는 *, 범위 안의 숫자, 범위 a-b, 목록 a,b, 간격 */n을 쓸 수 있습니다.",
            "language" => "리포트 언어는 English 또는 한국어 중에서 고르세요.",
            _ => "받는 곳마다 종류(slack, email, webhook)와 주소 또는 이름이 필요합니다.",
        };
    }
}
