using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Revenue;
using Vigil.Core.Storage;
using Vigil.Dashboard;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Goals;

/// <summary>
/// GET /api/projects/{id}/revenue?days=&amp;by=&amp;format=&amp;part=   revenue of the last 7, 30 (default) or 90 local days against the
///                                                   days before, ARPU, month to date, and revenue and ARPU per value
///                                                   of by (default plan) against the days before;
///                                                   format=csv downloads the days, or with part=breakdown the values of by
/// GET /api/projects/{id}/revenue/settings                {"property","currency"}
/// PUT /api/projects/{id}/revenue/settings                replaces them
/// </summary>
internal static class RevenueEndpoints
{
    public const string DefaultBreakdown = "plan";

    public static void MapRevenueEndpoints(this IEndpointRouteBuilder app)
    {
        var revenue = app.MapGroup("/api/projects/{id:long}/revenue").RequireAuthorization(VigilAuth.ApiPolicy).DisableAntiforgery().RequireProject();
        revenue.MapGet("", GetAsync);
        revenue.MapGet("/settings", GetSettingsAsync);
        revenue.MapPut("/settings", PutSettingsAsync);
    }

    public sealed record SettingsBody(string? Property, string? Currency);

    private static async Task<Results<Ok<RevenueReport>, FileContentHttpResult, ProblemHttpResult>> GetAsync(
        int? days, string? by, string? format, string? part, HttpContext context, RevenueReader reader, CancellationToken cancellationToken)
    {
        if (days is { } count && !RevenueReader.Ranges.Contains(count))
        {
            return ApiProblems.BadRequest("days", $"days must be one of {string.Join(", ", RevenueReader.Ranges)}.");
        }
        if (by is not null && !RevenueSettings.IsPropertyName(by))
        {
            return ApiProblems.BadRequest("by", "by must be the name of a top-level property of the order event (1–200 characters, no quotes or backslashes).");
        }
        if (part is not (null or "days" or "breakdown"))
        {
            return ApiProblems.BadRequest("part", "part must be days (the default) or breakdown.");
        }
        if (ChartCsv.CheckFormat(format) is { } problem)
        {
            return problem;
        }
        var report = await reader.ReadAsync(context.RouteProject(), days ?? RevenueReader.DefaultDays, by ?? DefaultBreakdown, cancellationToken);
        if (!ChartCsv.IsRequested(format, context.Request))
        {
            return TypedResults.Ok(report);
        }
        var text = UiText.For(context).GoalsPage;
        var span = report.Days.Count;
        return part == "breakdown"
            ? ChartCsv.File(RevenueTables.Breakdown(report, text), $"revenue-by-{report.BreakdownProperty}-{span}d")
            : ChartCsv.File(RevenueTables.Days(report, text), $"revenue-{span}d");
    }

    private static async Task<Ok<RevenueSettings>> GetSettingsAsync(long id, IGoalStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetRevenueSettingsAsync(id, cancellationToken));

    private static async Task<Results<Ok<RevenueSettings>, ProblemHttpResult>> PutSettingsAsync(long id, SettingsBody? body, IGoalStore store, CancellationToken cancellationToken)
    {
        if (RevenueSettings.Check(body?.Property, body?.Currency) is { } problem)
        {
            return ApiProblems.BadRequest(problem.Field, problem.Reason);
        }
        var settings = new RevenueSettings(body!.Property!, body.Currency!);
        await store.SaveRevenueSettingsAsync(id, settings, cancellationToken);
        return TypedResults.Ok(settings);
    }
}

/// <summary>The revenue charts as tables, for their CSV downloads.</summary>
internal static class RevenueTables
{
    public static ChartTable Days(RevenueReport report, GoalsPageText text) => new(
        [text.Date, $"{text.Revenue} ({report.Settings.Currency})", text.Orders],
        report.Days.Select(day => (IReadOnlyList<object?>)[day.Date, day.Revenue, day.Orders]).ToList());

    public static ChartTable Breakdown(RevenueReport report, GoalsPageText text)
    {
        var (revenue, arpu) = ($"{text.Revenue} ({report.Settings.Currency})", $"{text.AverageRevenuePerUser} ({report.Settings.Currency})");
        return new(
            [
                report.BreakdownProperty, revenue, text.Orders, text.ActiveUsers, arpu, text.Share,
                text.DaysBefore(revenue), text.DaysBefore(text.Orders), text.DaysBefore(text.ActiveUsers), text.DaysBefore(arpu),
            ],
            report.Breakdown.Select(group => (IReadOnlyList<object?>)
            [
                group.Value, group.Revenue.Value, group.Orders.Value, group.ActiveUsers.Value, group.AverageRevenuePerUser.Value, group.SharePercent,
                group.Revenue.Previous, group.Orders.Previous, group.ActiveUsers.Previous, group.AverageRevenuePerUser.Previous,
            ]).ToList());
    }
}
