namespace Vigil.Dashboard;

/// <summary>The KPI page's labels, in English and Korean; reached as <see cref="UiText.KpisPage"/>.</summary>
public sealed class KpisPageText
{
    public static KpisPageText English { get; } = new()
    {
        Title = "KPIs",
        Heading = "Product KPIs",
        From = "From",
        To = "To",
        BreakdownBy = "Break down by",
        NoBreakdown = "Nothing",
        Show = "Show",
        VsPrevious = "vs the previous {0} days",
        ActiveUsers = "Active users",
        Stickiness = "Stickiness (DAU/MAU)",
        DailyActiveUsers = "Daily active users",
        Retention = "Retention by signup week",
        SignupWeek = "Signup week",
        Users = "Users",
        DayN = "Day {0}",
        WeekN = "Week {0}",
        Signups = "Signups",
        SevenDay = "7-day retention",
        ThirtyDay = "30-day retention",
        Churn = "Churn per month",
        LatestChurn = "Churn, last full month",
        Month = "Month",
        ActiveBefore = "Active the month before",
        Churned = "Churned",
        Rate = "Rate",
        InProgress = "in progress",
        Conversion = "Conversion free → paid",
        Converted = "Converted",
        PaidEvent = "Paid-plan event",
        Funnel = "Funnel",
        Steps = "Steps (events, comma-separated)",
        Window = "Window",
        FunnelConversion = "Overall conversion",
        DropOff = "drop-off",
        FromPrevious = "of the step before",
        EventsPerUser = "Events per active user",
        Event = "Event",
        Events = "Events",
        Value = "Value",
        NoData = "No data in this period.",
        Invalid = "Cannot show this: {0}",
        Date = "Date",
        Complete = "Complete",
        Step = "Step",
        ConversionFromFirst = "Conversion from the first step (%)",
        ConversionFromPrevious = "Conversion from the step before (%)",
        DropOffUsers = "Drop-off",
        DropOffPercent = "Drop-off (%)",
        Figure = "Figure",
        CurrentPeriod = "This period",
        PreviousPeriod = "Previous period",
        ChangePercent = "Change (%)",
        PreviousColumn = "{0} previous period",
        ChangeColumn = "{0} change (%)",
        PreviousValue = "previous {0}",
    };

    public static KpisPageText Korean { get; } = new()
    {
        Title = "지표",
        Heading = "제품 지표",
        From = "시작일",
        To = "종료일",
        BreakdownBy = "분류 기준",
        NoBreakdown = "없음",
        Show = "보기",
        VsPrevious = "이전 {0}일 대비",
        ActiveUsers = "활성 사용자",
        Stickiness = "고착도 (DAU/MAU)",
        DailyActiveUsers = "일별 활성 사용자",
        Retention = "가입 주별 리텐션",
        SignupWeek = "가입 주",
        Users = "사용자",
        DayN = "{0}일차",
        WeekN = "{0}주차",
        Signups = "가입",
        SevenDay = "7일 리텐션",
        ThirtyDay = "30일 리텐션",
        Churn = "월별 이탈률",
        LatestChurn = "이탈률 (지난 완료 월)",
        Month = "월",
        ActiveBefore = "전월 활성",
        Churned = "이탈",
        Rate = "비율",
        InProgress = "진행 중",
        Conversion = "무료 → 유료 전환",
        Converted = "전환",
        PaidEvent = "유료 전환 이벤트",
        Funnel = "퍼널",
        Steps = "단계 (이벤트, 쉼표로 구분)",
        Window = "전환 기간",
        FunnelConversion = "전체 전환율",
        DropOff = "이탈",
        FromPrevious = "이전 단계 대비",
        EventsPerUser = "활성 사용자당 이벤트",
        Event = "이벤트",
        Events = "이벤트 수",
        Value = "값",
        NoData = "이 기간에는 데이터가 없습니다.",
        Invalid = "표시할 수 없습니다: {0}",
        Date = "날짜",
        Complete = "완료",
        Step = "단계",
        ConversionFromFirst = "첫 단계 대비 전환율 (%)",
        ConversionFromPrevious = "이전 단계 대비 전환율 (%)",
        DropOffUsers = "이탈",
        DropOffPercent = "이탈률 (%)",
        Figure = "지표",
        CurrentPeriod = "이번 기간",
        PreviousPeriod = "이전 기간",
        ChangePercent = "변화율 (%)",
        PreviousColumn = "{0} 이전 기간",
        ChangeColumn = "{0} 변화율 (%)",
        PreviousValue = "이전 {0}",
    };

    public required string Title { get; init; }
    public required string Heading { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string BreakdownBy { get; init; }
    public required string NoBreakdown { get; init; }
    public required string Show { get; init; }
    public required string VsPrevious { get; init; }
    public required string ActiveUsers { get; init; }
    public required string Stickiness { get; init; }
    public required string DailyActiveUsers { get; init; }
    public required string Retention { get; init; }
    public required string SignupWeek { get; init; }
    public required string Users { get; init; }
    public required string DayN { get; init; }
    public required string WeekN { get; init; }
    public required string Signups { get; init; }
    public required string SevenDay { get; init; }
    public required string ThirtyDay { get; init; }
    public required string Churn { get; init; }
    public required string LatestChurn { get; init; }
    public required string Month { get; init; }
    public required string ActiveBefore { get; init; }
    public required string Churned { get; init; }
    public required string Rate { get; init; }
    public required string InProgress { get; init; }
    public required string Conversion { get; init; }
    public required string Converted { get; init; }
    public required string PaidEvent { get; init; }
    public required string Funnel { get; init; }
    public required string Steps { get; init; }
    public required string Window { get; init; }
    public required string FunnelConversion { get; init; }
    public required string DropOff { get; init; }
    public required string FromPrevious { get; init; }
    public required string EventsPerUser { get; init; }
    public required string Event { get; init; }
    public required string Events { get; init; }
    public required string Value { get; init; }
    public required string NoData { get; init; }
    public required string Invalid { get; init; }
    public required string Date { get; init; }
    public required string Complete { get; init; }
    public required string Step { get; init; }
    public required string ConversionFromFirst { get; init; }
    public required string ConversionFromPrevious { get; init; }
    public required string DropOffUsers { get; init; }
    public required string DropOffPercent { get; init; }
    public required string Figure { get; init; }
    public required string CurrentPeriod { get; init; }
    public required string PreviousPeriod { get; init; }
    public required string ChangePercent { get; init; }

    /// <summary>A breakdown CSV's column of a figure's previous value; {0} is the figure.</summary>
    public required string PreviousColumn { get; init; }

    /// <summary>A breakdown CSV's column of a figure's change; {0} is the figure.</summary>
    public required string ChangeColumn { get; init; }

    /// <summary>Under a breakdown cell: the previous period's value, {0}.</summary>
    public required string PreviousValue { get; init; }
}
