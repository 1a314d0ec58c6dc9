using Vigil.Core.Feedback;

namespace Vigil.Dashboard;

/// <summary>The Feedback page's labels, in English and Korean; reached as <see cref="UiText.FeedbackPage"/>.</summary>
public sealed class FeedbackPageText
{
    public static FeedbackPageText English { get; } = new()
    {
        Title = "Feedback",
        Hint = "What users tell you through the snippet's feedback button, POST /v1/feedback and NPS surveys.",
        Range7Days = "7 d",
        Range30Days = "30 d",
        Range90Days = "90 d",
        Received = "Received",
        Positive = "Positive (4–5)",
        Negative = "Negative (1–2)",
        NegativeThemes = "Top themes of negative feedback",
        NoThemes = "No negative feedback with text in this period.",
        Mentions = "×{0}",
        Nps = "Net Promoter Score",
        NpsLast90Days = "last 90 days, by week",
        NoNpsYet = "No NPS answers yet.",
        Promoters = "Promoters (9–10)",
        Passives = "Passives (7–8)",
        Detractors = "Detractors (0–6)",
        Responses = "{0} responses",
        NpsPeriodStart = "Period start (UTC)",
        ResponseCount = "Responses",
        Inbox = "Inbox",
        Category = "Category",
        Rating = "Rating",
        Status = "Status",
        Search = "Search",
        SearchPlaceholder = "Words in the text",
        Any = "Any",
        Filter = "Filter",
        Clear = "Clear",
        Time = "Time",
        Feedback = "Feedback",
        Page = "Page",
        User = "User",
        Save = "Save",
        NoText = "(no text)",
        Empty = "No feedback yet",
        EmptyHint = "Add the snippet to your pages: its Feedback button sends ratings, a category and text here. Apps that collect feedback themselves send it with POST /v1/feedback.",
        NoMatches = "No feedback matches these filters.",
        Newer = "← Newer",
        Older = "Older →",
        Shown = "{0}–{1} of {2}",
        StatusChanged = "Status changed.",
        NpsSettings = "NPS survey",
        NpsEnabled = "Ask users the NPS question through the snippet",
        NpsPeriodDays = "Ask each user at most once every (days)",
        NpsQuestion = "Question (empty: the snippet's own, in the user's language)",
        NpsSaved = "NPS settings saved.",
        NpsPeriodInvalid = "Enter a whole number of days from 1 to 3650.",
        NpsQuestionTooLong = "The question may be at most 300 characters.",
        RecentComments = "Recent NPS comments",
        Bug = "Bug",
        FeatureRequest = "Feature request",
        Improvement = "Improvement",
        New = "New",
        Planned = "Planned",
        Done = "Done",
        WontDo = "Won't do",
    };

    public static FeedbackPageText Korean { get; } = new()
    {
        Title = "피드백",
        Hint = "스니펫의 피드백 버튼, POST /v1/feedback, NPS 설문으로 사용자가 보낸 의견입니다.",
        Range7Days = "7일",
        Range30Days = "30일",
        Range90Days = "90일",
        Received = "받은 피드백",
        Positive = "긍정 (4–5점)",
        Negative = "부정 (1–2점)",
        NegativeThemes = "부정 피드백의 주요 주제",
        NoThemes = "이 기간에 내용이 있는 부정 피드백이 없습니다.",
        Mentions = "{0}건 언급",
        Nps = "순추천지수 (NPS)",
        NpsLast90Days = "최근 90일, 주별",
        NoNpsYet = "아직 NPS 응답이 없습니다.",
        Promoters = "추천 (9–10점)",
        Passives = "중립 (7–8점)",
        Detractors = "비추천 (0–6점)",
        Responses = "응답 {0}건",
        NpsPeriodStart = "기간 시작 (UTC)",
        ResponseCount = "응답 수",
        Inbox = "받은 편지함",
        Category = "유형",
        Rating = "평점",
        Status = "상태",
        Search = "검색",
        SearchPlaceholder = "내용에 포함된 단어",
        Any = "전체",
        Filter = "적용",
        Clear = "초기화",
        Time = "시각",
        Feedback = "피드백",
        Page = "페이지",
        User = "사용자",
        Save = "저장",
        NoText = "(내용 없음)",
        Empty = "아직 피드백이 없습니다",
        EmptyHint = "페이지에 스니펫을 추가하세요. 피드백 버튼이 평점, 유형, 내용을 이곳으로 보냅니다. 피드백을 직접 모으는 앱은 POST /v1/feedback으로 보내면 됩니다.",
        NoMatches = "이 조건에 맞는 피드백이 없습니다.",
        Newer = "← 최근",
        Older = "이전 →",
        Shown = "{2}건 중 {0}–{1}",
        StatusChanged = "상태를 바꿨습니다.",
        NpsSettings = "NPS 설문",
        NpsEnabled = "스니펫으로 사용자에게 NPS 질문하기",
        NpsPeriodDays = "사용자당 질문 간격 (일, 최소)",
        NpsQuestion = "질문 (비우면 스니펫의 기본 질문을 사용자 언어로)",
        NpsSaved = "NPS 설정을 저장했습니다.",
        NpsPeriodInvalid = "1에서 3650 사이의 일 수를 입력하세요.",
        NpsQuestionTooLong = "질문은 300자까지 쓸 수 있습니다.",
        RecentComments = "최근 NPS 의견",
        Bug = "버그",
        FeatureRequest = "기능 요청",
        Improvement = "개선 제안",
        New = "새 의견",
        Planned = "계획됨",
        Done = "완료",
        WontDo = "안 함",
    };

    public required string Title { get; init; }
    public required string Hint { get; init; }
    public required string Range7Days { get; init; }
    public required string Range30Days { get; init; }
    public required string Range90Days { get; init; }
    public required string Received { get; init; }
    public required string Positive { get; init; }
    public required string Negative { get; init; }
    public required string NegativeThemes { get; init; }
    public required string NoThemes { get; init; }
    public required string Mentions { get; init; }
    public required string Nps { get; init; }
    public required string NpsLast90Days { get; init; }
    public required string NoNpsYet { get; init; }
    public required string Promoters { get; init; }
    public required string Passives { get; init; }
    public required string Detractors { get; init; }
    public required string Responses { get; init; }
    public required string NpsPeriodStart { get; init; }
    public required string ResponseCount { get; init; }
    public required string Inbox { get; init; }
    public required string Category { get; init; }
    public required string Rating { get; init; }
    public required string Status { get; init; }
    public required string Search { get; init; }
    public required string SearchPlaceholder { get; init; }
    public required string Any { get; init; }
    public required string Filter { get; init; }
    public required string Clear { get; init; }
    public required string Time { get; init; }
    public required string Feedback { get; init; }
    public required string Page { get; init; }
    public required string User { get; init; }
    public required string Save { get; init; }
    public required string NoText { get; init; }
    public required string Empty { get; init; }
    public required string EmptyHint { get; init; }
    public required string NoMatches { get; init; }
    public required string Newer { get; init; }
    public required string Older { get; init; }
    public required string Shown { get; init; }
    public required string StatusChanged { get; init; }
    public required string NpsSettings { get; init; }
    public required string NpsEnabled { get; init; }
    public required string NpsPeriodDays { get; init; }
    public required string NpsQuestion { get; init; }
    public required string NpsSaved { get; init; }
    public required string NpsPeriodInvalid { get; init; }
    public required string NpsQuestionTooLong { get; init; }
    public required string RecentComments { get; init; }
    public required string Bug { get; init; }
    public required string FeatureRequest { get; init; }
    public required string Improvement { get; init; }
    public required string New { get; init; }
    public required string Planned { get; init; }
    public required string Done { get; init; }
    public required string WontDo { get; init; }

    public string RangeLabel(string range) => range switch
    {
        "7d" => Range7Days,
        "90d" => Range90Days,
        _ => Range30Days,
    };

    public string CategoryLabel(FeedbackCategory category) => category switch
    {
        FeedbackCategory.Bug => Bug,
        FeedbackCategory.FeatureRequest => FeatureRequest,
        _ => Improvement,
    };

    public string StatusLabel(FeedbackStatus status) => status switch
    {
        FeedbackStatus.New => New,
        FeedbackStatus.Planned => Planned,
        FeedbackStatus.Done => Done,
        _ => WontDo,
    };
}
