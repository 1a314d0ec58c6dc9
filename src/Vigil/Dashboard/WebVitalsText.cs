using System.Globalization;
using Vigil.Core.WebVitals;

namespace Vigil.Dashboard;

/// <summary>The Web Vitals panel's labels, in English and Korean; reached as <see cref="UiText.WebVitals"/>.</summary>
public sealed class WebVitalsText
{
    public static WebVitalsText English { get; } = new()
    {
        Title = "Web Vitals",
        Hint = "75th percentile of page loads; a page passes when it is good.",
        Page = "Page",
        PageLoads = "Page loads",
        Good = "Good",
        NeedsImprovement = "Needs improvement",
        Poor = "Poor",
        Empty = "No Web Vitals yet",
        EmptyHint = "The browser snippet (/vigil.js) reports LCP, INP, CLS, FCP and TTFB of every page load.",
        PageLoadsCount = "{0:N0} page loads",
    };

    public static WebVitalsText Korean { get; } = new()
    {
        Title = "웹 바이탈",
        Hint = "페이지 로드의 75번째 백분위수이며, 좋음이면 통과입니다.",
        Page = "페이지",
        PageLoads = "페이지 로드",
        Good = "좋음",
        NeedsImprovement = "개선 필요",
        Poor = "나쁨",
        Empty = "아직 웹 바이탈이 없습니다",
        EmptyHint = "브라우저 스니펫(/vigil.js)이 페이지 로드마다 LCP, INP, CLS, FCP, TTFB를 보고합니다.",
        PageLoadsCount = "페이지 로드 {0:N0}회",
    };

    public required string Title { get; init; }

    public required string Hint { get; init; }

    public required string Page { get; init; }

    public required string PageLoads { get; init; }

    public required string Good { get; init; }

    public required string NeedsImprovement { get; init; }

    public required string Poor { get; init; }

    public required string Empty { get; init; }

    public required string EmptyHint { get; init; }

    public required string PageLoadsCount { get; init; }

    public string RatingLabel(WebVitalRating rating) => rating switch
    {
        WebVitalRating.Good => Good,
        WebVitalRating.NeedsImprovement => NeedsImprovement,
        _ => Poor,
    };

    /// <summary>"2.41 s" for times, "0.12" for CLS, "—" without data.</summary>
    public static string Value(string metric, double? value) => value switch
    {
        null => "—",
        { } number when metric == "CLS" => number.ToString("0.00", CultureInfo.InvariantCulture),
        >= 1000 and var milliseconds => (milliseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        var milliseconds => milliseconds.Value.ToString("0", CultureInfo.InvariantCulture) + " ms",
    };
}
