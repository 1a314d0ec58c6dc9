using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>The fixed data set of the golden tests: a day and a week of a shop in Seoul, every section filled.</summary>
internal static class SomeReport
{
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    public static readonly Uri Dashboard = new("https://vigil.example.com/projects/1");

    private static DateTimeOffset Kst(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    public static DailyReport Daily() => new(
        new ReportHeader(1, "Shop", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), Seoul, Dashboard),
        [
            new(HeadlineMetricName.Visitors, 1234, 1097),
            new(HeadlineMetricName.Signups, 97, 100),
            new(HeadlineMetricName.AppsCreated, 12, 0),
            new(HeadlineMetricName.Orders, 40, 40),
        ],
        [
            new(PerformanceMetricName.ErrorRate, 0.42, 1),
            new(PerformanceMetricName.AverageResponseTime, 320.4, 2000),
            new(PerformanceMetricName.Uptime, 99.5, 99.9),
        ],
        [new("free", 70, 72.2), new("pro", 20, 20.6), new("team", 7, 7.2)],
        [
            new(Kst(20, 14, 0), NotableEventKind.TrafficSpike, "", 1200, 400),
            new(Kst(20, 15, 12), NotableEventKind.Incident, "API health", 13),
            new(Kst(20, 15, 13), NotableEventKind.AlertFired, "Service Down"),
            new(Kst(20, 15, 25), NotableEventKind.AlertResolved, "Service Down"),
            new(Kst(20, 22, 40), NotableEventKind.IncidentOngoing, "Checkout"),
        ],
        new FeedbackSplit(12, 3, 5, "Checkout is slow <on mobile>"),
        new ActionItems(["Slow Response"], ["TypeError: cart is undefined"], "checkout speed"));

    public static WeeklyReport Weekly() => new(
        new ReportHeader(1, "Shop", new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22), Seoul, Dashboard),
        [
            new(HeadlineMetricName.Visitors, 8120, 7400),
            new(HeadlineMetricName.Signups, 612, 650),
            new(HeadlineMetricName.AppsCreated, 88, 80),
            new(HeadlineMetricName.Orders, 263, 0),
        ],
        [new("Signups", 700, 612), new("Orders", 250, 263), new("Conversion %", 4, 3.25)],
        [
            new("TypeError: cart is undefined", 1520, 310, true),
            new("TimeoutError: payment gateway", 230, 85, false),
        ],
        [new("Checkout is slow on mobile", 14), new("Please add dark mode", 9), new("Love the new onboarding", 6)],
        [new("Checkout button colour", "B wins: +8.2% conversion")]);
}
