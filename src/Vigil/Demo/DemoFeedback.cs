using System.Net.Http.Json;

namespace Vigil.Demo;

/// <summary>
/// A few weeks of in-app feedback and NPS answers, in Korean and English, sent through <c>POST /v1/feedback</c> and
/// <c>POST /v1/nps</c> after the demo's events, so the Feedback page has something to show.
/// </summary>
internal static class DemoFeedback
{
    /// <summary>Ingest accepts timestamps up to 30 days old.</summary>
    public const int MaxDays = 28;

    private static readonly (int Rating, string Category, string Text, string Page)[] Feedback =
    [
        (1, "bug", "Checkout is slow and the pay button sometimes does nothing", "/checkout"),
        (2, "bug", "checkout slow again, had to refresh twice", "/checkout"),
        (1, "bug", "결제 페이지가 너무 느려요", "/checkout"),
        (2, "bug", "결제가 느려요. 카드 등록도 자꾸 실패합니다", "/checkout"),
        (2, "improvement", "Search results are not relevant", "/search"),
        (1, "bug", "로그인이 자꾸 풀려요", "/login"),
        (2, "improvement", "검색 결과가 정확하지 않아요", "/search"),
        (3, "improvement", "The pricing page is confusing", "/pricing"),
        (4, "feature_request", "Please add dark mode", "/settings"),
        (5, "feature_request", "다크 모드가 있으면 좋겠어요", "/settings"),
        (5, "improvement", "Love the new dashboard, very clear", "/"),
        (4, "feature_request", "Export to CSV would help our finance team", "/reports"),
        (5, "improvement", "배송 조회가 편해졌어요. 감사합니다!", "/orders"),
        (4, "improvement", "Onboarding was quick", "/welcome"),
        (3, "feature_request", "카카오 로그인 지원해 주세요", "/login"),
        (2, "bug", "Checkout page crashes on iOS Safari", "/checkout"),
    ];

    private static readonly (int Score, string? Comment)[] NpsAnswers =
    [
        (10, "Fast and simple"), (9, "좋아요, 빠르고 편해요"), (9, null), (10, null), (8, "Good, but checkout is slow"),
        (7, null), (6, "결제가 느려요"), (3, "Too many bugs at checkout"), (9, "Great support"), (10, "최고예요"),
        (8, null), (5, null), (9, null), (10, "Use it every day"), (7, "가격이 조금 비싸요"), (9, null),
    ];

    /// <summary>Sends everything, spread over the last <paramref name="days"/> days (at most <see cref="MaxDays"/>); answers how many of each went.</summary>
    public static async Task<(int Feedback, int NpsAnswers)> SendAsync(HttpClient http, DateTimeOffset now, int days, ulong seed, CancellationToken cancellationToken)
    {
        var random = new SplitMix64(seed);
        var span = TimeSpan.FromDays(Math.Min(days, MaxDays));
        DateTimeOffset SomeTimeAgo() => now - span * random.NextDouble();
        foreach (var (item, index) in Feedback.Select((item, index) => (item, index)))
        {
            await PostAsync(http, "v1/feedback", new
            {
                rating = item.Rating,
                category = item.Category,
                text = item.Text,
                page = item.Page,
                distinct_id = $"demo-user-{index}",
                timestamp = SomeTimeAgo(),
            }, cancellationToken);
        }
        foreach (var (answer, index) in NpsAnswers.Select((answer, index) => (answer, index)))
        {
            await PostAsync(http, "v1/nps", new { distinct_id = $"demo-user-{index}", score = answer.Score, comment = answer.Comment, timestamp = SomeTimeAgo() }, cancellationToken);
        }
        return (Feedback.Length, NpsAnswers.Length);
    }

    private static async Task PostAsync(HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
