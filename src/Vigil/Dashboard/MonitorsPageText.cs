namespace Vigil.Dashboard;

/// <summary>The monitors pages' labels, in English and Korean; reached as <see cref="UiText.MonitorsPage"/>.</summary>
public sealed class MonitorsPageText
{
    public static MonitorsPageText English { get; } = new()
    {
        IsKorean = false,
        Hint = "Vigil checks each monitor on its own interval; uptime is the share of checks that were up.",
        NoMonitors = "No monitors yet",
        NoMonitorsHint = "Create one below: a URL, a port, a certificate, or a heartbeat for a cron job.",
        Status = "Status",
        Name = "Name",
        Kind = "Kind",
        Target = "Target",
        AvgResponse = "Avg response (24 h)",
        LastCheck = "Last check",
        CertificateDays = "Certificate",
        DaysLeft = "{0} days left",
        Up = "Up",
        Down = "Down",
        Warning = "Warning",
        Pending = "Not checked yet",
        CreateMonitor = "Create monitor",
        SaveMonitor = "Save monitor",
        DeleteMonitor = "Delete monitor",
        Created = "Monitor created. Its first check comes within about 10 seconds.",
        Saved = "Monitor saved.",
        Deleted = "Monitor deleted.",
        FixErrors = "The monitor was not saved. Fix the fields marked below.",
        NotFound = "There is no such monitor.",
        BackToMonitors = "All monitors",
        Settings = "Settings",
        Interval = "Interval (seconds)",
        Timeout = "Timeout (seconds)",
        Url = "URL",
        Method = "Method",
        ExpectedStatus = "Expected status",
        ExpectedStatusHint = "Codes and ranges, e.g. 200-299, 301. Default 200-399.",
        Keyword = "Body must contain",
        MaxLatency = "Max response time (ms)",
        FollowRedirects = "Follow redirects",
        IgnoreCertificateErrors = "Ignore certificate errors (self-signed)",
        Host = "Host",
        Port = "Port",
        WarnDays = "Warn days before expiry",
        Period = "Period (seconds)",
        PeriodHint = "How often the job pings, e.g. 86400 for daily.",
        Grace = "Grace (seconds)",
        KindFieldsHint = "Fill in the fields of the kind you chose; the others are ignored.",
        HeartbeatUrl = "Ping URL",
        HeartbeatUrlHint = "Call it from the job when it succeeds; add /fail when it fails.",
        Incidents = "Incidents",
        NoIncidents = "No incidents in this range",
        Started = "Started",
        Ended = "Ended",
        Ongoing = "Ongoing",
        Duration = "Duration",
        Reason = "Reason",
        RecentChecks = "Recent checks",
        Time = "Time",
        ResponseTime = "Response time",
        ResponseTimes = "Response time",
        NoData = "No checks in this range",
        Checks = "Checks",
        Uptime = "Uptime",
        P95 = "p95",
        Average = "Average",
        NotANumber = "Enter a whole number.",
    };

    public static MonitorsPageText Korean { get; } = new()
    {
        IsKorean = true,
        Hint = "각 모니터는 자신의 주기로 확인됩니다. 가동률은 정상이었던 확인의 비율입니다.",
        NoMonitors = "아직 모니터가 없습니다",
        NoMonitorsHint = "아래에서 만드세요: URL, 포트, 인증서, 또는 크론 작업용 하트비트.",
        Status = "상태",
        Name = "이름",
        Kind = "종류",
        Target = "대상",
        AvgResponse = "평균 응답 (24시간)",
        LastCheck = "마지막 확인",
        CertificateDays = "인증서",
        DaysLeft = "{0}일 남음",
        Up = "정상",
        Down = "장애",
        Warning = "경고",
        Pending = "아직 확인 전",
        CreateMonitor = "모니터 만들기",
        SaveMonitor = "모니터 저장",
        DeleteMonitor = "모니터 삭제",
        Created = "모니터를 만들었습니다. 약 10초 안에 첫 확인을 합니다.",
        Saved = "모니터를 저장했습니다.",
        Deleted = "모니터를 삭제했습니다.",
        FixErrors = "모니터를 저장하지 않았습니다. 표시된 항목을 고치세요.",
        NotFound = "그런 모니터가 없습니다.",
        BackToMonitors = "모든 모니터",
        Settings = "설정",
        Interval = "주기 (초)",
        Timeout = "시간 제한 (초)",
        Url = "URL",
        Method = "메서드",
        ExpectedStatus = "기대 상태 코드",
        ExpectedStatusHint = "코드와 범위, 예: 200-299, 301. 기본값 200-399.",
        Keyword = "본문에 포함될 문자열",
        MaxLatency = "최대 응답 시간 (ms)",
        FollowRedirects = "리디렉션 따라가기",
        IgnoreCertificateErrors = "인증서 오류 무시 (자체 서명)",
        Host = "호스트",
        Port = "포트",
        WarnDays = "만료 전 경고 일수",
        Period = "주기 (초)",
        PeriodHint = "작업이 핑하는 간격, 예: 매일이면 86400.",
        Grace = "유예 (초)",
        KindFieldsHint = "고른 종류의 항목만 채우세요. 나머지는 무시됩니다.",
        HeartbeatUrl = "핑 URL",
        HeartbeatUrlHint = "작업이 성공하면 이 URL을 호출하세요. 실패하면 끝에 /fail을 붙이세요.",
        Incidents = "장애 기록",
        NoIncidents = "이 기간에 장애가 없습니다",
        Started = "시작",
        Ended = "종료",
        Ongoing = "진행 중",
        Duration = "지속 시간",
        Reason = "원인",
        RecentChecks = "최근 확인",
        Time = "시각",
        ResponseTime = "응답 시간",
        ResponseTimes = "응답 시간",
        NoData = "이 기간에 확인 기록이 없습니다",
        Checks = "확인 수",
        Uptime = "가동률",
        P95 = "p95",
        Average = "평균",
        NotANumber = "정수를 입력하세요.",
    };

    public required bool IsKorean { get; init; }
    public required string Hint { get; init; }
    public required string NoMonitors { get; init; }
    public required string NoMonitorsHint { get; init; }
    public required string Status { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required string Target { get; init; }
    public required string AvgResponse { get; init; }
    public required string LastCheck { get; init; }
    public required string CertificateDays { get; init; }
    public required string DaysLeft { get; init; }
    public required string Up { get; init; }
    public required string Down { get; init; }
    public required string Warning { get; init; }
    public required string Pending { get; init; }
    public required string CreateMonitor { get; init; }
    public required string SaveMonitor { get; init; }
    public required string DeleteMonitor { get; init; }
    public required string Created { get; init; }
    public required string Saved { get; init; }
    public required string Deleted { get; init; }
    public required string FixErrors { get; init; }
    public required string NotFound { get; init; }
    public required string BackToMonitors { get; init; }
    public required string Settings { get; init; }
    public required string Interval { get; init; }
    public required string Timeout { get; init; }
    public required string Url { get; init; }
    public required string Method { get; init; }
    public required string ExpectedStatus { get; init; }
    public required string ExpectedStatusHint { get; init; }
    public required string Keyword { get; init; }
    public required string MaxLatency { get; init; }
    public required string FollowRedirects { get; init; }
    public required string IgnoreCertificateErrors { get; init; }
    public required string Host { get; init; }
    public required string Port { get; init; }
    public required string WarnDays { get; init; }
    public required string Period { get; init; }
    public required string PeriodHint { get; init; }
    public required string Grace { get; init; }
    public required string KindFieldsHint { get; init; }
    public required string HeartbeatUrl { get; init; }
    public required string HeartbeatUrlHint { get; init; }
    public required string Incidents { get; init; }
    public required string NoIncidents { get; init; }
    public required string Started { get; init; }
    public required string Ended { get; init; }
    public required string Ongoing { get; init; }
    public required string Duration { get; init; }
    public required string Reason { get; init; }
    public required string RecentChecks { get; init; }
    public required string Time { get; init; }
    public required string ResponseTime { get; init; }
    public required string ResponseTimes { get; init; }
    public required string NoData { get; init; }
    public required string Checks { get; init; }
    public required string Uptime { get; init; }
    public required string P95 { get; init; }
    public required string Average { get; init; }
    public required string NotANumber { get; init; }

    public string StateLabel(string state) => state switch
    {
        "up" => Up,
        "down" => Down,
        "warning" => Warning,
        _ => Pending,
    };

    /// <summary>The validator's English message; in Korean, a translation by field with the English detail after it.</summary>
    public string FieldError(string field, string message)
    {
        var english = char.ToUpperInvariant(message[0]) + message[1..];
        if (!IsKorean)
        {
            return english;
        }
        var korean = field switch
        {
            "name" => "이름은 1~100자이고 프로젝트 안에서 겹치지 않아야 합니다.",
            "url" => "http 또는 https 절대 URL을 입력하세요.",
            "host" => "호스트 이름이나 IP 주소를 입력하세요 (스킴, 포트 없이).",
            "port" => "1에서 65535 사이의 포트를 입력하세요.",
            "expectedStatus" => "200-299, 301 같은 상태 코드나 범위를 입력하세요.",
            _ => "값을 확인하세요.",
        };
        return $"{korean} ({english})";
    }
}
