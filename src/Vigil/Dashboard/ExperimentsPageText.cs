using Vigil.Core.Experiments;

namespace Vigil.Dashboard;

/// <summary>The experiment pages' labels and verdict sentences (also the weekly review's), in English and Korean; reached as <see cref="UiText.ExperimentsPage"/>.</summary>
public sealed class ExperimentsPageText
{
    public static ExperimentsPageText English { get; } = new()
    {
        Title = "Experiments",
        Subtitle = "A/B tests: who saw which variant, who converted, and what it means",
        NoExperiments = "No experiments yet",
        NoExperimentsHint = "Define one below, start it, and expose users from the snippet (vigil.variant), PostHog feature flags or your server.",
        NewExperiment = "New experiment",
        EditDraft = "Edit draft",
        Key = "Key",
        KeyHint = "e.g. checkout-button; the snippet asks for it",
        Name = "Name",
        Hypothesis = "Hypothesis",
        Variants = "Variants (the first is the control)",
        VariantName = "Variant",
        Weight = "Weight",
        GoalEvent = "Goal event",
        Method = "Method",
        Alpha = "Alpha (false positive rate)",
        Power = "Power",
        BaselineRate = "Baseline conversion rate",
        MinimumDetectableLift = "Minimum detectable lift",
        Create = "Create draft",
        Save = "Save",
        Cancel = "Cancel",
        Start = "Start",
        Stop = "Stop…",
        StopTitle = "Stop the experiment",
        Ship = "What the team ships",
        KeepControl = name => $"Keep the control ({name})",
        ShipVariant = name => $"Ship {name}",
        Note = "Note",
        StopConfirm = "Stop and record the decision",
        Status = "Status",
        Verdict = "Result",
        Started = "Started",
        Stopped = "Stopped",
        Decision = "Decision",
        Exposed = "Exposed",
        Converted = "Converted",
        Rate = "Conversion (CI)",
        Difference = "Difference (CI)",
        RelativeLift = "Relative lift (CI)",
        PValue = "p-value",
        Progress = "Progress",
        Control = "control",
        CrossExposed = count => $"{count} users saw more than one variant; each counts once, in the variant they saw first.",
        RequiredPerArm = (required, level) => $"Planned sample: {required} users per variant ({level} confidence).",
        MethodNames = new Dictionary<ExperimentMethod, string>
        {
            [ExperimentMethod.FixedHorizon] = "Fixed horizon",
            [ExperimentMethod.Sequential] = "Sequential (always valid)",
        },
        StatusNames = new Dictionary<ExperimentStatus, string>
        {
            [ExperimentStatus.Draft] = "Draft",
            [ExperimentStatus.Running] = "Running",
            [ExperimentStatus.Stopped] = "Stopped",
        },
        Created = "Experiment created as a draft.",
        Saved = "Draft saved.",
        StartedNotice = "Experiment started: exposures count from now.",
        StoppedNotice = "Experiment stopped and the decision recorded.",
        Wins = (variant, lift, level, interval) => $"{variant} wins: {lift} conversion ({level} CI {interval})",
        Loses = (variant, lift, level, interval, control) => $"{variant} loses: {lift} conversion ({level} CI {interval}); keep {control}",
        NoDifference = users => $"No difference after {users} users per arm",
        Mismatch = pValue => $"Sample ratio mismatch (p = {pValue}): exposures do not follow the weights, so no result holds; check how users are assigned",
        CollectingFixed = (users, required) => $"Not final: {users} of {required} users per arm. A fixed-horizon test is read once, when every arm has its planned sample; stopping at the first small p-value (peeking) would find false winners far more often than alpha says",
        CollectingSequential = (users, required) => $"No decision yet: {users} users per arm so far. The sequential test decides as soon as the evidence is strong enough, or ends without a difference at {required}",
        StoppedEarly = (users, required) => $"Stopped before the planned sample ({users} of {required} users per arm): no result",
        NotStarted = "Draft: start it to count exposures",
        Shipped = variant => $"the team shipped {variant}",
        KeptControl = "the team kept the control",
        NotFinalValue = "after the planned sample",
        DecidedOn = day => $"decided on {day}",
    };

    public static ExperimentsPageText Korean { get; } = new()
    {
        Title = "실험",
        Subtitle = "A/B 테스트: 누가 어떤 안을 보고, 누가 전환했으며, 그것이 무엇을 뜻하는지",
        NoExperiments = "아직 실험이 없습니다",
        NoExperimentsHint = "아래에서 실험을 정의하고 시작한 뒤, 스니펫(vigil.variant), PostHog 기능 플래그 또는 서버에서 사용자를 노출하세요.",
        NewExperiment = "새 실험",
        EditDraft = "초안 수정",
        Key = "키",
        KeyHint = "예: checkout-button (스니펫이 이 키로 묻습니다)",
        Name = "이름",
        Hypothesis = "가설",
        Variants = "안 (첫 번째가 대조군)",
        VariantName = "안",
        Weight = "비중",
        GoalEvent = "목표 이벤트",
        Method = "방법",
        Alpha = "유의수준 (알파)",
        Power = "검정력",
        BaselineRate = "기준 전환율",
        MinimumDetectableLift = "최소 검출 상승률",
        Create = "초안 만들기",
        Save = "저장",
        Cancel = "취소",
        Start = "시작",
        Stop = "종료…",
        StopTitle = "실험 종료",
        Ship = "팀의 결정",
        KeepControl = name => $"대조군 유지 ({name})",
        ShipVariant = name => $"{name} 적용",
        Note = "메모",
        StopConfirm = "종료하고 결정 기록",
        Status = "상태",
        Verdict = "결과",
        Started = "시작",
        Stopped = "종료",
        Decision = "결정",
        Exposed = "노출",
        Converted = "전환",
        Rate = "전환율 (신뢰구간)",
        Difference = "차이 (신뢰구간)",
        RelativeLift = "상승률 (신뢰구간)",
        PValue = "p값",
        Progress = "진행",
        Control = "대조군",
        CrossExposed = count => $"{count}명이 두 개 이상의 안을 보았습니다. 각자 처음 본 안에 한 번만 집계됩니다.",
        RequiredPerArm = (required, level) => $"계획 표본: 안마다 {required}명 (신뢰수준 {level}).",
        MethodNames = new Dictionary<ExperimentMethod, string>
        {
            [ExperimentMethod.FixedHorizon] = "고정 표본",
            [ExperimentMethod.Sequential] = "순차 검정 (상시 유효)",
        },
        StatusNames = new Dictionary<ExperimentStatus, string>
        {
            [ExperimentStatus.Draft] = "초안",
            [ExperimentStatus.Running] = "진행 중",
            [ExperimentStatus.Stopped] = "종료",
        },
        Created = "실험 초안을 만들었습니다.",
        Saved = "초안을 저장했습니다.",
        StartedNotice = "실험을 시작했습니다. 지금부터 노출을 집계합니다.",
        StoppedNotice = "실험을 종료하고 결정을 기록했습니다.",
        Wins = (variant, lift, level, interval) => $"{variant} 승: 전환율 {lift} ({level} 신뢰구간 {interval})",
        Loses = (variant, lift, level, interval, control) => $"{variant} 패: 전환율 {lift} ({level} 신뢰구간 {interval}), {control} 유지",
        NoDifference = users => $"안마다 {users}명을 보고도 차이 없음",
        Mismatch = pValue => $"표본 비율 불일치 (p = {pValue}): 노출이 비중을 따르지 않아 결과를 믿을 수 없습니다. 배정 방식을 확인하세요",
        CollectingFixed = (users, required) => $"확정 전: 안마다 {required}명 중 {users}명. 고정 표본 검정은 모든 안이 계획 표본에 이르렀을 때 한 번 읽습니다. 처음으로 p값이 작아질 때 멈추면(중간 확인) 가짜 승자를 알파보다 훨씬 자주 찾게 됩니다",
        CollectingSequential = (users, required) => $"아직 결정 없음: 지금까지 안마다 {users}명. 순차 검정은 근거가 충분해지는 즉시 결정하며, {required}명에 이르면 차이 없음으로 끝납니다",
        StoppedEarly = (users, required) => $"계획 표본 전에 종료 (안마다 {required}명 중 {users}명): 결과 없음",
        NotStarted = "초안: 시작하면 노출을 집계합니다",
        Shipped = variant => $"팀은 {variant}을(를) 적용함",
        KeptControl = "팀은 대조군을 유지함",
        NotFinalValue = "계획 표본 이후",
        DecidedOn = day => $"{day}에 결정",
    };

    public required string Title { get; init; }
    public required string Subtitle { get; init; }
    public required string NoExperiments { get; init; }
    public required string NoExperimentsHint { get; init; }
    public required string NewExperiment { get; init; }
    public required string EditDraft { get; init; }
    public required string Key { get; init; }
    public required string KeyHint { get; init; }
    public required string Name { get; init; }
    public required string Hypothesis { get; init; }
    public required string Variants { get; init; }
    public required string VariantName { get; init; }
    public required string Weight { get; init; }
    public required string GoalEvent { get; init; }
    public required string Method { get; init; }
    public required string Alpha { get; init; }
    public required string Power { get; init; }
    public required string BaselineRate { get; init; }
    public required string MinimumDetectableLift { get; init; }
    public required string Create { get; init; }
    public required string Save { get; init; }
    public required string Cancel { get; init; }
    public required string Start { get; init; }
    public required string Stop { get; init; }
    public required string StopTitle { get; init; }
    public required string Ship { get; init; }
    public required Func<string, string> KeepControl { get; init; }
    public required Func<string, string> ShipVariant { get; init; }
    public required string Note { get; init; }
    public required string StopConfirm { get; init; }
    public required string Status { get; init; }
    public required string Verdict { get; init; }
    public required string Started { get; init; }
    public required string Stopped { get; init; }
    public required string Decision { get; init; }
    public required string Exposed { get; init; }
    public required string Converted { get; init; }
    public required string Rate { get; init; }
    public required string Difference { get; init; }
    public required string RelativeLift { get; init; }
    public required string PValue { get; init; }
    public required string Progress { get; init; }
    public required string Control { get; init; }
    public required Func<string, string> CrossExposed { get; init; }
    public required Func<string, string, string> RequiredPerArm { get; init; }
    public required IReadOnlyDictionary<ExperimentMethod, string> MethodNames { get; init; }
    public required IReadOnlyDictionary<ExperimentStatus, string> StatusNames { get; init; }
    public required string Created { get; init; }
    public required string Saved { get; init; }
    public required string StartedNotice { get; init; }
    public required string StoppedNotice { get; init; }

    /// <summary>(variant, lift, confidence level, interval).</summary>
    public required Func<string, string, string, string, string> Wins { get; init; }

    /// <summary>(variant, lift, confidence level, interval, control).</summary>
    public required Func<string, string, string, string, string, string> Loses { get; init; }

    /// <summary>(users per arm).</summary>
    public required Func<string, string> NoDifference { get; init; }

    /// <summary>(SRM p-value).</summary>
    public required Func<string, string> Mismatch { get; init; }

    /// <summary>(users in the least exposed arm, users required per arm).</summary>
    public required Func<string, string, string> CollectingFixed { get; init; }

    /// <summary>(users in the least exposed arm, the cap per arm).</summary>
    public required Func<string, string, string> CollectingSequential { get; init; }

    /// <summary>(users in the least exposed arm, users required per arm), for an experiment stopped while still collecting data.</summary>
    public required Func<string, string, string> StoppedEarly { get; init; }

    public required string NotStarted { get; init; }
    public required Func<string, string> Shipped { get; init; }
    public required string KeptControl { get; init; }

    /// <summary>Shown instead of a fixed-horizon p-value before the planned sample.</summary>
    public required string NotFinalValue { get; init; }

    /// <summary>(the project's local day, yyyy-MM-dd) on which the readout first reached its verdict.</summary>
    public required Func<string, string> DecidedOn { get; init; }
}
