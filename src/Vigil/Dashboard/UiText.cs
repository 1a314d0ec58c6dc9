using System.Globalization;

namespace Vigil.Dashboard;

/// <summary>
/// Every label the dashboard shows, in English and Korean. A property per label rather than a keyed table,
/// so a label missing from one language is a compile error instead of a blank on screen.
/// Public only because Razor components, which are always public, take it as a parameter.
/// </summary>
public sealed class UiText
{
    public const string CookieName = "vigil_lang";

    public static UiText English { get; } = new()
    {
        Code = "en",
        Culture = CultureInfo.GetCultureInfo("en-US"),
        SwitchLabel = "한국어",
        SwitchCode = "ko",
        Dashboard = "Dashboard",
        Settings = "Settings",
        LogOut = "Log out",
        Project = "Project",
        SignInTitle = "Sign in to Vigil",
        SignInSubtitle = "Post-launch monitoring for your apps",
        Email = "Email",
        Password = "Password",
        SignIn = "Sign in",
        BadCredentials = "The email or password is not right.",
        Realtime = "Realtime",
        Live = "Live",
        UpdatedAt = "Updated",
        Product = "Product",
        Reliability = "Reliability",
        ActiveUsers = "Active users",
        ActiveUsersHint = "last 5 minutes",
        PageViews = "Page views",
        Signups = "Signups",
        AppsCreated = "Apps created",
        Orders = "Orders",
        TodayHint = "today",
        ErrorRate = "Error rate",
        AvgResponseTime = "Avg response time",
        P95ResponseTime = "p95 response time",
        ResponseHint = "last 5 minutes",
        Uptime = "Uptime",
        UptimeHint = "last 24 hours",
        VersusYesterday = "vs. yesterday",
        VersusPreviousDay = "vs. previous 24 h",
        NoComparison = "no comparison yet",
        Target = "Target",
        WithinTarget = "Within target",
        OutsideTarget = "Outside target",
        NoUptimeProbe = "Add a monitor (or a health URL) to measure uptime",
        Range24Hours = "24 h",
        Range7Days = "7 d",
        Range30Days = "30 d",
        Trends = "Trends",
        Reconnecting = "Reconnecting…",
        Copy = "Copy",
        Copied = "Copied",
        Traffic = "Traffic",
        SignupsPerDay = "Signups per day",
        SignupsPerHour = "Signups per hour",
        SignupsByPlan = "Signups by plan",
        NoDataInRange = "No data in this range",
        NoPlan = "No plan",
        Alerts = "Alerts",
        NoAlerts = "No alerts",
        NoAlertsHint = "Nothing is firing. Firing and pending alerts and numbers close to their targets show here.",
        AlertFiring = "Firing",
        AlertPending = "Pending",
        AlertSilenced = "Silenced",
        AlertSince = "since",
        NearTargets = "Close to target",
        NearTargetUsed = "of the target",
        NearTargetDowntimeUsed = "of the allowed downtime used",
        AllAlerts = "Alert rules, history and silences",
        GettingStartedTitle = "Waiting for your first event",
        GettingStartedBody = "Add this line to every page of your app, just before </body>. Page views, active users and web vitals start arriving at once.",
        GettingStartedServer = "Or send events from your server:",
        IngestKey = "Ingest key",
        IngestKeys = "Ingest keys",
        IngestKeysHint = "Write-only keys for this project. They are safe to embed in a web page.",
        SentryDsns = "Sentry DSN",
        SentryDsnsHint = "Configure any Sentry SDK with this DSN and the errors it reports become this project's issues.",
        ProjectSettings = "Project settings",
        General = "General",
        Name = "Name",
        TimeZone = "Time zone",
        TimeZoneHint = "Days, \"today\" and chart labels follow this zone.",
        KeyEvents = "Key events",
        KeyEventsHint = "The event names your app sends for each number on the dashboard.",
        PageViewEvent = "Page view",
        SignupEvent = "Signup",
        AppCreatedEvent = "App created",
        OrderEvent = "Order",
        Targets = "Targets",
        TargetsHint = "Tiles are marked ✅ inside these limits and ⚠️ outside them.",
        MaxErrorRate = "Max error rate (%)",
        MaxResponseTime = "Max response time (ms)",
        MinUptime = "Min uptime (%)",
        HealthCheck = "Health check",
        HealthUrl = "Health URL",
        HealthUrlHint = "Vigil requests this URL regularly; uptime is the share of answers that are 2xx. Leave it empty to switch the probe off.",
        Save = "Save settings",
        Saved = "Settings saved.",
        FixErrors = "Please fix the fields marked below.",
        ProjectNotFound = "This project does not exist.",
        PageNotFound = "There is no page at this address.",
        NoProjects = "There are no projects yet.",
        BackToDashboard = "Back to the dashboard",
        NewProjectLink = "+ New project",
        NewProject = "New project",
        NewProjectHint = "Each project has its own dashboard, settings and ingest key.",
        CreateProject = "Create project",
        Logs = "Logs",
        LogsSettings = "Logs",
        LogRetentionDays = "Keep logs for (days)",
        LogRetentionHint = "Log lines older than this are deleted every hour and never show in a search. From 1 to 365 days.",
        AlertsPage = AlertsPageText.English,
        WebVitals = WebVitalsText.English,
        Issues = "Issues",
        IssuesPage = IssuesPageText.English,
        Monitors = "Monitors",
        MonitorsPage = MonitorsPageText.English,
        LogsPage = LogsPageText.English,
        MetricsPage = MetricsPageText.English,
        Budgets = BudgetsText.English,
        KpisPage = KpisPageText.English,
        GoalsPage = GoalsPageText.English,
        ReportsPage = ReportsPageText.English,
        FeedbackPage = FeedbackPageText.English,
        ExperimentsPage = ExperimentsPageText.English,
        RoutesPage = RoutesPageText.English,
    };

    public static UiText Korean { get; } = new()
    {
        Code = "ko",
        Culture = CultureInfo.GetCultureInfo("ko-KR"),
        SwitchLabel = "English",
        SwitchCode = "en",
        Dashboard = "대시보드",
        Settings = "설정",
        LogOut = "로그아웃",
        Project = "프로젝트",
        SignInTitle = "Vigil 로그인",
        SignInSubtitle = "출시 후 서비스 모니터링",
        Email = "이메일",
        Password = "비밀번호",
        SignIn = "로그인",
        BadCredentials = "이메일 또는 비밀번호가 올바르지 않습니다.",
        Realtime = "실시간",
        Live = "실시간",
        UpdatedAt = "업데이트",
        Product = "서비스 지표",
        Reliability = "안정성",
        ActiveUsers = "활성 사용자",
        ActiveUsersHint = "최근 5분",
        PageViews = "페이지뷰",
        Signups = "가입",
        AppsCreated = "앱 생성",
        Orders = "주문",
        TodayHint = "오늘",
        ErrorRate = "에러율",
        AvgResponseTime = "평균 응답 시간",
        P95ResponseTime = "p95 응답 시간",
        ResponseHint = "최근 5분",
        Uptime = "가동률",
        UptimeHint = "최근 24시간",
        VersusYesterday = "어제 대비",
        VersusPreviousDay = "이전 24시간 대비",
        NoComparison = "비교 데이터 없음",
        Target = "목표",
        WithinTarget = "목표 충족",
        OutsideTarget = "목표 미달",
        NoUptimeProbe = "가동률을 보려면 모니터(또는 헬스 체크 URL)를 추가하세요",
        Range24Hours = "24시간",
        Range7Days = "7일",
        Range30Days = "30일",
        Trends = "추이",
        Reconnecting = "재연결 중…",
        Copy = "복사",
        Copied = "복사됨",
        Traffic = "트래픽",
        SignupsPerDay = "일별 가입",
        SignupsPerHour = "시간별 가입",
        SignupsByPlan = "요금제별 가입",
        NoDataInRange = "이 기간에는 데이터가 없습니다",
        NoPlan = "요금제 없음",
        Alerts = "알림",
        NoAlerts = "알림 없음",
        NoAlertsHint = "발생 중인 알림이 없습니다. 발생·대기 중인 알림과 목표에 가까워진 지표가 여기에 표시됩니다.",
        AlertFiring = "발생",
        AlertPending = "대기",
        AlertSilenced = "무음",
        AlertSince = "시작",
        NearTargets = "목표 근접",
        NearTargetUsed = "(목표 대비)",
        NearTargetDowntimeUsed = "(허용 중단 시간 사용)",
        AllAlerts = "알림 규칙, 기록, 무음 설정",
        GettingStartedTitle = "첫 이벤트를 기다리는 중",
        GettingStartedBody = "앱의 모든 페이지 </body> 바로 앞에 이 한 줄을 추가하세요. 페이지뷰, 활성 사용자, 웹 바이탈이 바로 수집됩니다.",
        GettingStartedServer = "서버에서 이벤트를 보낼 수도 있습니다:",
        IngestKey = "수집 키",
        IngestKeys = "수집 키",
        IngestKeysHint = "이 프로젝트 전용 쓰기 전용 키입니다. 웹 페이지에 넣어도 안전합니다.",
        SentryDsns = "Sentry DSN",
        SentryDsnsHint = "Sentry SDK에 이 DSN을 설정하면 SDK가 보내는 오류가 이 프로젝트의 이슈로 모입니다.",
        ProjectSettings = "프로젝트 설정",
        General = "일반",
        Name = "이름",
        TimeZone = "시간대",
        TimeZoneHint = "날짜, '오늘', 차트 라벨이 이 시간대를 따릅니다.",
        KeyEvents = "핵심 이벤트",
        KeyEventsHint = "대시보드의 각 지표에 해당하는, 앱이 보내는 이벤트 이름입니다.",
        PageViewEvent = "페이지뷰",
        SignupEvent = "가입",
        AppCreatedEvent = "앱 생성",
        OrderEvent = "주문",
        Targets = "목표",
        TargetsHint = "타일은 목표 안에서 ✅, 벗어나면 ⚠️로 표시됩니다.",
        MaxErrorRate = "최대 에러율 (%)",
        MaxResponseTime = "최대 응답 시간 (ms)",
        MinUptime = "최소 가동률 (%)",
        HealthCheck = "헬스 체크",
        HealthUrl = "헬스 체크 URL",
        HealthUrlHint = "Vigil이 이 URL을 주기적으로 요청하며, 2xx 응답의 비율이 가동률이 됩니다. 비워 두면 확인하지 않습니다.",
        Save = "설정 저장",
        Saved = "설정을 저장했습니다.",
        FixErrors = "아래 표시된 항목을 고쳐 주세요.",
        ProjectNotFound = "존재하지 않는 프로젝트입니다.",
        PageNotFound = "이 주소에는 페이지가 없습니다.",
        NoProjects = "아직 프로젝트가 없습니다.",
        BackToDashboard = "대시보드로 돌아가기",
        NewProjectLink = "+ 새 프로젝트",
        NewProject = "새 프로젝트",
        NewProjectHint = "프로젝트마다 대시보드, 설정, 수집 키가 따로 있습니다.",
        CreateProject = "프로젝트 만들기",
        Logs = "로그",
        LogsSettings = "로그",
        LogRetentionDays = "로그 보관 기간(일)",
        LogRetentionHint = "이 기간보다 오래된 로그는 매시간 삭제되며 검색에도 나오지 않습니다. 1~365일.",
        AlertsPage = AlertsPageText.Korean,
        WebVitals = WebVitalsText.Korean,
        Issues = "이슈",
        IssuesPage = IssuesPageText.Korean,
        Monitors = "모니터",
        MonitorsPage = MonitorsPageText.Korean,
        LogsPage = LogsPageText.Korean,
        MetricsPage = MetricsPageText.Korean,
        Budgets = BudgetsText.Korean,
        KpisPage = KpisPageText.Korean,
        GoalsPage = GoalsPageText.Korean,
        ReportsPage = ReportsPageText.Korean,
        FeedbackPage = FeedbackPageText.Korean,
        ExperimentsPage = ExperimentsPageText.Korean,
        RoutesPage = RoutesPageText.Korean,
    };

    public required string Code { get; init; }
    public required CultureInfo Culture { get; init; }
    public required string SwitchLabel { get; init; }
    public required string SwitchCode { get; init; }
    public required string Dashboard { get; init; }
    public required string Settings { get; init; }
    public required string LogOut { get; init; }
    public required string Project { get; init; }
    public required string SignInTitle { get; init; }
    public required string SignInSubtitle { get; init; }
    public required string Email { get; init; }
    public required string Password { get; init; }
    public required string SignIn { get; init; }
    public required string BadCredentials { get; init; }
    public required string Realtime { get; init; }
    public required string Live { get; init; }
    public required string UpdatedAt { get; init; }
    public required string Product { get; init; }
    public required string Reliability { get; init; }
    public required string ActiveUsers { get; init; }
    public required string ActiveUsersHint { get; init; }
    public required string PageViews { get; init; }
    public required string Signups { get; init; }
    public required string AppsCreated { get; init; }
    public required string Orders { get; init; }
    public required string TodayHint { get; init; }
    public required string ErrorRate { get; init; }
    public required string AvgResponseTime { get; init; }
    public required string P95ResponseTime { get; init; }
    public required string ResponseHint { get; init; }
    public required string Uptime { get; init; }
    public required string UptimeHint { get; init; }
    public required string VersusYesterday { get; init; }
    public required string VersusPreviousDay { get; init; }
    public required string NoComparison { get; init; }
    public required string Target { get; init; }
    public required string WithinTarget { get; init; }
    public required string OutsideTarget { get; init; }
    public required string NoUptimeProbe { get; init; }
    public required string Range24Hours { get; init; }
    public required string Range7Days { get; init; }
    public required string Range30Days { get; init; }
    public required string Trends { get; init; }
    public required string Reconnecting { get; init; }
    public required string Copy { get; init; }
    public required string Copied { get; init; }
    public required string Traffic { get; init; }
    public required string SignupsPerDay { get; init; }
    public required string SignupsPerHour { get; init; }
    public required string SignupsByPlan { get; init; }
    public required string NoDataInRange { get; init; }
    public required string NoPlan { get; init; }
    public required string Alerts { get; init; }
    public required string NoAlerts { get; init; }
    public required string NoAlertsHint { get; init; }
    public required string AlertFiring { get; init; }
    public required string AlertPending { get; init; }
    public required string AlertSilenced { get; init; }
    public required string AlertSince { get; init; }
    public required string NearTargets { get; init; }
    public required string NearTargetUsed { get; init; }
    public required string NearTargetDowntimeUsed { get; init; }
    public required string AllAlerts { get; init; }
    public required string GettingStartedTitle { get; init; }
    public required string GettingStartedBody { get; init; }
    public required string GettingStartedServer { get; init; }
    public required string IngestKey { get; init; }
    public required string IngestKeys { get; init; }
    public required string IngestKeysHint { get; init; }
    public required string SentryDsns { get; init; }
    public required string SentryDsnsHint { get; init; }
    public required string ProjectSettings { get; init; }
    public required string General { get; init; }
    public required string Name { get; init; }
    public required string TimeZone { get; init; }
    public required string TimeZoneHint { get; init; }
    public required string KeyEvents { get; init; }
    public required string KeyEventsHint { get; init; }
    public required string PageViewEvent { get; init; }
    public required string SignupEvent { get; init; }
    public required string AppCreatedEvent { get; init; }
    public required string OrderEvent { get; init; }
    public required string Targets { get; init; }
    public required string TargetsHint { get; init; }
    public required string MaxErrorRate { get; init; }
    public required string MaxResponseTime { get; init; }
    public required string MinUptime { get; init; }
    public required string HealthCheck { get; init; }
    public required string HealthUrl { get; init; }
    public required string HealthUrlHint { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string FixErrors { get; init; }
    public required string ProjectNotFound { get; init; }
    public required string PageNotFound { get; init; }
    public required string NoProjects { get; init; }
    public required string BackToDashboard { get; init; }
    public required string NewProjectLink { get; init; }
    public required string NewProject { get; init; }
    public required string NewProjectHint { get; init; }
    public required string CreateProject { get; init; }
    public required string Logs { get; init; }
    public required string LogsSettings { get; init; }
    public required string LogRetentionDays { get; init; }
    public required string LogRetentionHint { get; init; }
    public required AlertsPageText AlertsPage { get; init; }
    public required string Issues { get; init; }
    public required IssuesPageText IssuesPage { get; init; }

    public required WebVitalsText WebVitals { get; init; }
    public required string Monitors { get; init; }
    public required MonitorsPageText MonitorsPage { get; init; }
    public required LogsPageText LogsPage { get; init; }

    public required MetricsPageText MetricsPage { get; init; }

    public required BudgetsText Budgets { get; init; }
    public required KpisPageText KpisPage { get; init; }
    public required GoalsPageText GoalsPage { get; init; }
    public required ReportsPageText ReportsPage { get; init; }
    public required FeedbackPageText FeedbackPage { get; init; }
    public required RoutesPageText RoutesPage { get; init; }
    public required ExperimentsPageText ExperimentsPage { get; init; }

    public string RangeLabel(DashboardRange range) => range switch
    {
        DashboardRange.Last7Days => Range7Days,
        DashboardRange.Last30Days => Range30Days,
        _ => Range24Hours,
    };

    /// <summary>The <c>vigil_lang</c> cookie when set, else the first of Korean or English the browser asks for, else English.</summary>
    public static UiText For(HttpContext? context)
    {
        if (context is null)
        {
            return English;
        }
        if (FromCode(context.Request.Cookies[CookieName]) is { } chosen)
        {
            return chosen;
        }
        var preferred = context.Request.GetTypedHeaders().AcceptLanguage
            .Where(language => language.Quality is null or > 0)
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => FromCode(language.Value.Value?.Split('-')[0]))
            .FirstOrDefault(text => text is not null);
        return preferred ?? English;
    }

    /// <summary>A validation message for a project field: the validator's own words in English, a translation of them in Korean.</summary>
    public string ValidationMessage(string field, string message)
    {
        if (Code != "ko")
        {
            return char.ToUpperInvariant(message[0]) + message[1..];
        }
        return field switch
        {
            "name" => "이름은 1~100자로 입력하세요.",
            "timeZone" => "알 수 없는 시간대입니다.",
            "targets.maxErrorRatePercent" or "targets.minUptimePercent" => "0에서 100 사이의 숫자를 입력하세요.",
            "targets.maxResponseTimeMs" => "0보다 크고 600,000 이하인 밀리초를 입력하세요.",
            "healthUrl" => "http 또는 https 절대 URL을 입력하거나 비워 두세요.",
            "logRetentionDays" => "1에서 365 사이의 정수(일)를 입력하세요.",
            _ when field.StartsWith("keyEvents", StringComparison.Ordinal) => "이벤트 이름은 1~200자로 입력하세요.",
            _ => message,
        };
    }

    public static UiText? FromCode(string? code) => code?.ToLowerInvariant() switch
    {
        "ko" => Korean,
        "en" => English,
        _ => null,
    };
}
