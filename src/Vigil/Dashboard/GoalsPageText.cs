using Vigil.Core.Goals;

namespace Vigil.Dashboard;

/// <summary>The goals page's labels (and the column names of CSV downloads), in English and Korean; reached as <see cref="UiText.GoalsPage"/>.</summary>
public sealed class GoalsPageText
{
    public static GoalsPageText English { get; } = new()
    {
        Title = "Goals",
        Subtitle = "Targets per period against what happened",
        GoalsVsActual = "Goals vs actual",
        PeriodContaining = "Periods containing",
        Show = "Show",
        Metric = "Metric",
        Period = "Period",
        Target = "Target",
        Actual = "Actual",
        Achievement = "Achievement",
        Label = "Label",
        LabelHint = "optional, e.g. Q4 launch",
        AddGoal = "Add goal",
        EditGoal = "Edit goal",
        Save = "Save",
        Cancel = "Cancel",
        Edit = "Edit",
        Delete = "Delete",
        NoGoals = "No goals yet",
        NoGoalsHint = "Add a target such as 500 signups a week or ₩10,000,000 revenue a month; its progress shows here.",
        GoalSaved = "Goal saved.",
        GoalDeleted = "Goal deleted.",
        MetricNames = new Dictionary<GoalMetric, string>
        {
            [GoalMetric.Visitors] = "Visitors",
            [GoalMetric.ActiveUsers] = "Active users (daily average)",
            [GoalMetric.Signups] = "Signups",
            [GoalMetric.AppsCreated] = "Apps created",
            [GoalMetric.Orders] = "Orders",
            [GoalMetric.PageViews] = "Page views",
            [GoalMetric.Revenue] = "Revenue",
        },
        PeriodNames = new Dictionary<GoalPeriodKind, string>
        {
            [GoalPeriodKind.Day] = "Daily",
            [GoalPeriodKind.Week] = "Weekly",
            [GoalPeriodKind.Month] = "Monthly",
            [GoalPeriodKind.Quarter] = "Quarterly",
        },
        Revenue = "Revenue",
        RevenuePerDay = "Revenue per day",
        Orders = "Orders",
        ActiveUsers = "Active users",
        AverageRevenuePerUser = "ARPU",
        MonthToDate = "This month",
        VersusPrevious = days => $"vs the {days} days before",
        VersusLastMonth = "vs the same days of last month",
        RevenueBy = property => $"Revenue by {property}",
        NoOrders = "No orders in this range.",
        RangeDays = days => $"{days} days",
        RevenueSettings = "Revenue settings",
        RevenueProperty = "Revenue property of the order event",
        Currency = "Currency",
        SettingsSaved = "Revenue settings saved.",
        Date = "Date",
        Time = "Time",
        Plan = "Plan",
        Share = "Share (%)",
        DaysBefore = label => $"{label} (days before)",
        Csv = "CSV",
        CsvTitle = "Download this chart's data as CSV",
    };

    public static GoalsPageText Korean { get; } = new()
    {
        Title = "목표",
        Subtitle = "기간별 목표와 실적",
        GoalsVsActual = "목표 대비 실적",
        PeriodContaining = "기준일",
        Show = "보기",
        Metric = "지표",
        Period = "기간",
        Target = "목표치",
        Actual = "실적",
        Achievement = "달성률",
        Label = "이름",
        LabelHint = "선택, 예: 4분기 출시",
        AddGoal = "목표 추가",
        EditGoal = "목표 수정",
        Save = "저장",
        Cancel = "취소",
        Edit = "수정",
        Delete = "삭제",
        NoGoals = "아직 목표가 없습니다",
        NoGoalsHint = "주간 가입 500명, 월 매출 ₩10,000,000 같은 목표를 추가하면 진행 상황이 여기에 표시됩니다.",
        GoalSaved = "목표를 저장했습니다.",
        GoalDeleted = "목표를 삭제했습니다.",
        MetricNames = new Dictionary<GoalMetric, string>
        {
            [GoalMetric.Visitors] = "방문자",
            [GoalMetric.ActiveUsers] = "활성 사용자(일평균)",
            [GoalMetric.Signups] = "가입",
            [GoalMetric.AppsCreated] = "앱 생성",
            [GoalMetric.Orders] = "주문",
            [GoalMetric.PageViews] = "페이지뷰",
            [GoalMetric.Revenue] = "매출",
        },
        PeriodNames = new Dictionary<GoalPeriodKind, string>
        {
            [GoalPeriodKind.Day] = "일간",
            [GoalPeriodKind.Week] = "주간",
            [GoalPeriodKind.Month] = "월간",
            [GoalPeriodKind.Quarter] = "분기",
        },
        Revenue = "매출",
        RevenuePerDay = "일별 매출",
        Orders = "주문",
        ActiveUsers = "활성 사용자",
        AverageRevenuePerUser = "ARPU(사용자당 평균 매출)",
        MonthToDate = "이번 달",
        VersusPrevious = days => $"직전 {days}일 대비",
        VersusLastMonth = "지난달 같은 기간 대비",
        RevenueBy = property => $"{property}별 매출",
        NoOrders = "이 기간에는 주문이 없습니다.",
        RangeDays = days => $"{days}일",
        RevenueSettings = "매출 설정",
        RevenueProperty = "주문 이벤트의 매출 속성",
        Currency = "통화",
        SettingsSaved = "매출 설정을 저장했습니다.",
        Date = "날짜",
        Time = "시간",
        Plan = "요금제",
        Share = "비중(%)",
        DaysBefore = label => $"{label} (직전 기간)",
        Csv = "CSV",
        CsvTitle = "이 차트의 데이터를 CSV로 내려받기",
    };

    public required string Title { get; init; }
    public required string Subtitle { get; init; }
    public required string GoalsVsActual { get; init; }
    public required string PeriodContaining { get; init; }
    public required string Show { get; init; }
    public required string Metric { get; init; }
    public required string Period { get; init; }
    public required string Target { get; init; }
    public required string Actual { get; init; }
    public required string Achievement { get; init; }
    public required string Label { get; init; }
    public required string LabelHint { get; init; }
    public required string AddGoal { get; init; }
    public required string EditGoal { get; init; }
    public required string Save { get; init; }
    public required string Cancel { get; init; }
    public required string Edit { get; init; }
    public required string Delete { get; init; }
    public required string NoGoals { get; init; }
    public required string NoGoalsHint { get; init; }
    public required string GoalSaved { get; init; }
    public required string GoalDeleted { get; init; }
    public required IReadOnlyDictionary<GoalMetric, string> MetricNames { get; init; }
    public required IReadOnlyDictionary<GoalPeriodKind, string> PeriodNames { get; init; }
    public required string Revenue { get; init; }
    public required string RevenuePerDay { get; init; }
    public required string Orders { get; init; }
    public required string ActiveUsers { get; init; }
    public required string AverageRevenuePerUser { get; init; }
    public required string MonthToDate { get; init; }
    public required Func<int, string> VersusPrevious { get; init; }
    public required string VersusLastMonth { get; init; }
    public required Func<string, string> RevenueBy { get; init; }
    public required string NoOrders { get; init; }
    public required Func<int, string> RangeDays { get; init; }
    public required string RevenueSettings { get; init; }
    public required string RevenueProperty { get; init; }
    public required string Currency { get; init; }
    public required string SettingsSaved { get; init; }
    public required string Date { get; init; }
    public required string Time { get; init; }
    public required string Plan { get; init; }
    public required string Share { get; init; }
    /// <summary>A column of the same figure over the days before the range.</summary>
    public required Func<string, string> DaysBefore { get; init; }
    public required string Csv { get; init; }
    public required string CsvTitle { get; init; }
}
