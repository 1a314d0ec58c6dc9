using System.Globalization;
using Vigil.Core.Alerts;

namespace Vigil.Dashboard;

/// <summary>The alerts page's labels, in English and Korean; reached as <see cref="UiText.AlertsPage"/>.</summary>
public sealed class AlertsPageText
{
    public static AlertsPageText English { get; } = new()
    {
        TimesIn = "Times in",
        SectionNow = "Now",
        Rules = "Rules",
        RulesHint = "The project's rule file (YAML). A file with errors is not saved, and the rules in force stay.",
        Version = "Version",
        NotSavedYet = "No rules saved yet: this is the starter file.",
        SaveRules = "Save rules",
        RulesSaved = "Rules saved.",
        RulesRefused = "The file was not saved; the rules in force stay. Fix these problems:",
        LineColumn = "Line {0}, column {1}",
        RuleFileTooLarge = "A rule file may be at most {0} KiB.",
        FileRefused = "A file in the rules directory was refused, and the rules in force stay:",
        Severity = "Severity",
        Condition = "Condition",
        Duration = "For",
        State = "State",
        Value = "Value",
        NoRules = "No rules yet",
        NoRulesHint = "Write rules in the file above and save them.",
        StateOk = "OK",
        NotEvaluated = "Not evaluated yet",
        Critical = "Critical",
        Warning = "Warning",
        Info = "Info",
        History = "History",
        AllRules = "All rules",
        Rule = "Rule",
        Filter = "Filter",
        Time = "Time",
        Change = "Change",
        NoHistory = "No state changes yet",
        NoHistoryHint = "Each time a rule becomes pending, fires or resolves, it is recorded here.",
        Silences = "Silences",
        SilencesHint = "Matching alerts still change state and show here, but send nothing.",
        Matchers = "Matchers",
        MatchersHint = "e.g. alertname=\"Slow Response\", severity=~\"warn.*\"",
        From = "From",
        Until = "Until",
        Reason = "Reason",
        CreatedBy = "Created by",
        Expire = "Expire",
        Active = "Active",
        Upcoming = "Upcoming",
        NoSilences = "No active or upcoming silences",
        CreateSilence = "Create silence",
        SilenceDuration = "Duration",
        SilenceDurationHint = "e.g. 2h or 30min; or leave empty and set an end time.",
        UntilHint = "Optional; wins over the duration.",
        SilenceCreated = "Silence created.",
        SilenceExpired = "Silence expired.",
        SilenceMissing = "That silence no longer exists.",
        Maintenance = "Maintenance windows",
        MaintenanceHint = "While a window runs, none of the project's alerts send anything.",
        NoMaintenance = "No current or upcoming maintenance",
        CreateMaintenance = "Add window",
        Delete = "Delete",
        MaintenanceCreated = "Maintenance window added.",
        MaintenanceDeleted = "Maintenance window deleted.",
        MaintenanceMissing = "That maintenance window no longer exists.",
        Notifications = "Notifications",
        NotificationsHint = "The outbox: every notification is stored before it is sent, and retried with backoff.",
        DeadLetters = "Failed for good",
        DeadLettersHint = "Vigil gave up on these (refused by the receiver, or failing too long). Fix the channel, then retry.",
        NoDeadLetters = "No failed notifications",
        Retry = "Retry",
        RetryQueued = "The notification is back in line.",
        RetryMissing = "That notification is not dead any more.",
        PendingNotifications = "Waiting to send",
        NoPendingNotifications = "Nothing waiting to send",
        SentNotifications = "Recently sent",
        NoSentNotifications = "Nothing sent yet",
        Destination = "Destination",
        Attempts = "Attempts",
        NextAttempt = "Next attempt",
        LastError = "Last error",
        Queued = "Queued",
        SentAt = "Sent",
        Resolved = "Resolved",
    };

    public static AlertsPageText Korean { get; } = new()
    {
        TimesIn = "시간대",
        SectionNow = "현재",
        Rules = "규칙",
        RulesHint = "프로젝트의 규칙 파일(YAML)입니다. 오류가 있는 파일은 저장되지 않으며 기존 규칙이 계속 적용됩니다.",
        Version = "버전",
        NotSavedYet = "아직 저장된 규칙이 없습니다. 시작용 파일입니다.",
        SaveRules = "규칙 저장",
        RulesSaved = "규칙을 저장했습니다.",
        RulesRefused = "파일을 저장하지 않았습니다. 기존 규칙이 계속 적용됩니다. 다음 문제를 고쳐 주세요:",
        LineColumn = "{0}행 {1}열",
        RuleFileTooLarge = "규칙 파일은 최대 {0}KiB까지입니다.",
        FileRefused = "규칙 디렉터리의 파일을 받아들이지 않았습니다. 기존 규칙이 계속 적용됩니다:",
        Severity = "심각도",
        Condition = "조건",
        Duration = "지속 시간",
        State = "상태",
        Value = "값",
        NoRules = "규칙 없음",
        NoRulesHint = "위 파일에 규칙을 작성하고 저장하세요.",
        StateOk = "정상",
        NotEvaluated = "아직 평가 전",
        Critical = "심각",
        Warning = "경고",
        Info = "정보",
        History = "기록",
        AllRules = "모든 규칙",
        Rule = "규칙",
        Filter = "필터",
        Time = "시각",
        Change = "변화",
        NoHistory = "상태 변화 기록 없음",
        NoHistoryHint = "규칙이 대기, 발생, 해소될 때마다 여기에 기록됩니다.",
        Silences = "무음 설정",
        SilencesHint = "조건에 맞는 알림은 상태는 바뀌고 여기에 표시되지만, 발송되지 않습니다.",
        Matchers = "매처",
        MatchersHint = "예: alertname=\"Slow Response\", severity=~\"warn.*\"",
        From = "시작",
        Until = "종료",
        Reason = "사유",
        CreatedBy = "만든 사람",
        Expire = "만료",
        Active = "활성",
        Upcoming = "예정",
        NoSilences = "활성 또는 예정된 무음 설정 없음",
        CreateSilence = "무음 설정 만들기",
        SilenceDuration = "기간",
        SilenceDurationHint = "예: 2h, 30min. 비워 두고 종료 시각을 지정해도 됩니다.",
        UntilHint = "선택 사항이며, 지정하면 기간보다 우선합니다.",
        SilenceCreated = "무음 설정을 만들었습니다.",
        SilenceExpired = "무음 설정을 만료했습니다.",
        SilenceMissing = "해당 무음 설정이 더 이상 없습니다.",
        Maintenance = "점검 시간",
        MaintenanceHint = "점검 시간 동안에는 프로젝트의 어떤 알림도 발송되지 않습니다.",
        NoMaintenance = "진행 중이거나 예정된 점검 없음",
        CreateMaintenance = "점검 시간 추가",
        Delete = "삭제",
        MaintenanceCreated = "점검 시간을 추가했습니다.",
        MaintenanceDeleted = "점검 시간을 삭제했습니다.",
        MaintenanceMissing = "해당 점검 시간이 더 이상 없습니다.",
        Notifications = "알림 발송",
        NotificationsHint = "발송함: 모든 알림은 보내기 전에 저장되며, 실패하면 간격을 늘려 가며 다시 보냅니다.",
        DeadLetters = "최종 실패",
        DeadLettersHint = "Vigil이 발송을 포기한 알림입니다(수신 측 거부 또는 오랜 실패). 채널을 고친 뒤 다시 보내세요.",
        NoDeadLetters = "실패한 알림 없음",
        Retry = "다시 보내기",
        RetryQueued = "알림을 다시 발송 대기열에 넣었습니다.",
        RetryMissing = "해당 알림은 더 이상 실패 상태가 아닙니다.",
        PendingNotifications = "발송 대기",
        NoPendingNotifications = "대기 중인 알림 없음",
        SentNotifications = "최근 발송",
        NoSentNotifications = "발송 기록 없음",
        Destination = "수신처",
        Attempts = "시도",
        NextAttempt = "다음 시도",
        LastError = "마지막 오류",
        Queued = "등록",
        SentAt = "발송 시각",
        Resolved = "해소",
    };

    public required string TimesIn { get; init; }
    public required string SectionNow { get; init; }
    public required string Rules { get; init; }
    public required string RulesHint { get; init; }
    public required string Version { get; init; }
    public required string NotSavedYet { get; init; }
    public required string SaveRules { get; init; }
    public required string RulesSaved { get; init; }
    public required string RulesRefused { get; init; }
    public required string LineColumn { get; init; }
    public required string RuleFileTooLarge { get; init; }
    public required string FileRefused { get; init; }
    public required string Severity { get; init; }
    public required string Condition { get; init; }
    public required string Duration { get; init; }
    public required string State { get; init; }
    public required string Value { get; init; }
    public required string NoRules { get; init; }
    public required string NoRulesHint { get; init; }
    public required string StateOk { get; init; }
    public required string NotEvaluated { get; init; }
    public required string Critical { get; init; }
    public required string Warning { get; init; }
    public required string Info { get; init; }
    public required string History { get; init; }
    public required string AllRules { get; init; }
    public required string Rule { get; init; }
    public required string Filter { get; init; }
    public required string Time { get; init; }
    public required string Change { get; init; }
    public required string NoHistory { get; init; }
    public required string NoHistoryHint { get; init; }
    public required string Silences { get; init; }
    public required string SilencesHint { get; init; }
    public required string Matchers { get; init; }
    public required string MatchersHint { get; init; }
    public required string From { get; init; }
    public required string Until { get; init; }
    public required string Reason { get; init; }
    public required string CreatedBy { get; init; }
    public required string Expire { get; init; }
    public required string Active { get; init; }
    public required string Upcoming { get; init; }
    public required string NoSilences { get; init; }
    public required string CreateSilence { get; init; }
    public required string SilenceDuration { get; init; }
    public required string SilenceDurationHint { get; init; }
    public required string UntilHint { get; init; }
    public required string SilenceCreated { get; init; }
    public required string SilenceExpired { get; init; }
    public required string SilenceMissing { get; init; }
    public required string Maintenance { get; init; }
    public required string MaintenanceHint { get; init; }
    public required string NoMaintenance { get; init; }
    public required string CreateMaintenance { get; init; }
    public required string Delete { get; init; }
    public required string MaintenanceCreated { get; init; }
    public required string MaintenanceDeleted { get; init; }
    public required string MaintenanceMissing { get; init; }
    public required string Notifications { get; init; }
    public required string NotificationsHint { get; init; }
    public required string DeadLetters { get; init; }
    public required string DeadLettersHint { get; init; }
    public required string NoDeadLetters { get; init; }
    public required string Retry { get; init; }
    public required string RetryQueued { get; init; }
    public required string RetryMissing { get; init; }
    public required string PendingNotifications { get; init; }
    public required string NoPendingNotifications { get; init; }
    public required string SentNotifications { get; init; }
    public required string NoSentNotifications { get; init; }
    public required string Destination { get; init; }
    public required string Attempts { get; init; }
    public required string NextAttempt { get; init; }
    public required string LastError { get; init; }
    public required string Queued { get; init; }
    public required string SentAt { get; init; }
    public required string Resolved { get; init; }

    private bool IsKorean => ReferenceEquals(this, Korean);

    public string Position(int line, int column) => string.Format(CultureInfo.InvariantCulture, LineColumn, line, column);

    public string SeverityLabel(Severity severity) => severity switch
    {
        Core.Alerts.Severity.Critical => Critical,
        Core.Alerts.Severity.Warning => Warning,
        _ => Info,
    };

    /// <summary>
    /// A form error on the alerts page: the checks' own words in English, a translation of them in Korean. Rule file
    /// problems are not translated: they quote the file, and the parser's words name its keys.
    /// </summary>
    public string FieldError(string field, string message)
    {
        if (!IsKorean)
        {
            return char.ToUpperInvariant(message[0]) + message[1..];
        }
        return field switch
        {
            "matchers" => $"매처를 읽을 수 없습니다. label=\"값\", label!=\"값\", label=~\"정규식\" 형식으로 쓰세요. ({message})",
            "duration" => "2h, 30min 같은 기간을 입력하거나 종료 시각을 지정하세요.",
            "until" or "endsAt" => "종료 시각은 시작 이후의 미래 시각이어야 합니다.",
            "startsAt" or "from" => "시작 시각을 입력하세요.",
            "reason" => "사유를 입력하세요.",
            _ => message,
        };
    }
}
