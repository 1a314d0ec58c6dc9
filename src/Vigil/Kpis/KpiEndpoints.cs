using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Kpis;
using Vigil.Core.Projects;
using Vigil.Core.Storage;
using Vigil.Dashboard;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Kpis;

/// <summary>
/// GET /api/projects/{id}/kpis/active-users?from=&amp;to=&amp;by=                  DAU, WAU, MAU, stickiness and the daily series
/// GET /api/projects/{id}/kpis/retention?from=&amp;to=&amp;by=                     cohorts by signup week, 7- and 30-day retention
/// GET /api/projects/{id}/kpis/churn?months=&amp;by=                            churn per local month
/// GET /api/projects/{id}/kpis/conversion?from=&amp;to=&amp;by=                    free → paid
/// GET /api/projects/{id}/kpis/funnel?steps=&amp;window=&amp;from=&amp;to=&amp;by=        ordered steps within a window
/// GET /api/projects/{id}/kpis/events-per-user?event=&amp;from=&amp;to=&amp;by=       an event's count per active user
/// GET|PUT /api/projects/{id}/kpis/settings {"paidEvent","planProperty","freePlanValue"}
/// Dates are local days of the project (yyyy-MM-dd, both included); every figure comes with the previous period's.
/// format=csv (or Accept: text/csv) downloads the page's chart or table of active users (the days), retention (the
/// cohorts), churn (the months) and the funnel (the steps).
/// The admin token or the login cookie.
/// </summary>
internal static class KpiEndpoints
{
    public static IServiceCollection AddKpis(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IKpiEventStore)provider.GetRequiredService<ITelemetryStore>());
        services.AddSingleton(provider => (IKpiSettingsStore)provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<KpiService>();
        return services;
    }

    public static void MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        var kpis = app.MapGroup("/api/projects/{id:long}/kpis").RequireAuthorization(VigilAuth.ApiPolicy).RequireProject();
        kpis.MapGet("/active-users", GetActiveUsersAsync);
        kpis.MapGet("/retention", GetRetentionAsync);
        kpis.MapGet("/churn", GetChurnAsync);
        kpis.MapGet("/conversion", GetConversionAsync);
        kpis.MapGet("/funnel", GetFunnelAsync);
        kpis.MapGet("/events-per-user", GetEventsPerUserAsync);
        kpis.MapGet("/settings", GetSettingsAsync);
        kpis.MapPut("/settings", PutSettingsAsync);
    }

    private static Task<Results<Ok<ActiveUsersReport>, FileContentHttpResult, ProblemHttpResult>> GetActiveUsersAsync(
        string? from, string? to, string? by, string? format, HttpContext context, KpiService kpis, CancellationToken cancellationToken) =>
        WithCsvAsync(
            format, context, () => AnswerAsync(context, from, to, by, kpis, (project, period) => kpis.GetActiveUsersAsync(project, period, by, cancellationToken)),
            KpiTables.DailyActiveUsers, report => $"active-users-{KpiViews.Date(report.From)}-{KpiViews.Date(report.To)}");

    private static Task<Results<Ok<RetentionReport>, FileContentHttpResult, ProblemHttpResult>> GetRetentionAsync(
        string? from, string? to, string? by, string? format, HttpContext context, KpiService kpis, CancellationToken cancellationToken) =>
        WithCsvAsync(
            format, context, () => AnswerAsync(context, from, to, by, kpis, (project, period) => kpis.GetRetentionAsync(project, period, by, cancellationToken)),
            KpiTables.Cohorts, report => $"retention-{KpiViews.Date(report.From)}-{KpiViews.Date(report.To)}");

    private static Task<Results<Ok<ChurnReport>, FileContentHttpResult, ProblemHttpResult>> GetChurnAsync(
        string? months, string? by, string? format, HttpContext context, KpiService kpis, CancellationToken cancellationToken)
    {
        var (count, problem) = KpiQuery.Months(months);
        return WithCsvAsync(
            format, context, () => AnswerAsync(context, null, null, by, kpis, (project, _) => kpis.GetChurnAsync(project, count, by, cancellationToken), problem),
            KpiTables.ChurnMonths, _ => $"churn-{count}m");
    }

    private static Task<Results<Ok<ConversionReport>, ProblemHttpResult>> GetConversionAsync(
        string? from, string? to, string? by, HttpContext context, KpiService kpis, CancellationToken cancellationToken) =>
        AnswerAsync(context, from, to, by, kpis, (project, period) => kpis.GetConversionAsync(project, period, by, cancellationToken));

    private static Task<Results<Ok<FunnelReport>, FileContentHttpResult, ProblemHttpResult>> GetFunnelAsync(
        string? steps, string? window, string? from, string? to, string? by, string? format, HttpContext context, KpiService kpis, CancellationToken cancellationToken)
    {
        var (names, stepsProblem) = KpiQuery.Steps(steps);
        var (duration, windowProblem) = KpiQuery.Window(window);
        return WithCsvAsync(
            format, context, () => AnswerAsync(
                context, from, to, by, kpis, (project, period) => kpis.GetFunnelAsync(project, names!, duration, period, by, cancellationToken), stepsProblem ?? windowProblem),
            KpiTables.FunnelSteps, report => $"funnel-{KpiViews.Date(report.From)}-{KpiViews.Date(report.To)}");
    }

    private static Task<Results<Ok<EventsPerUserReport>, ProblemHttpResult>> GetEventsPerUserAsync(
        string? @event, string? from, string? to, string? by, HttpContext context, KpiService kpis, CancellationToken cancellationToken)
    {
        var problem = string.IsNullOrWhiteSpace(@event) ? new KpiProblem("event", "event is required: the name of the event to count per active user.") : null;
        return AnswerAsync(context, from, to, by, kpis, (project, period) => kpis.GetEventsPerUserAsync(project, @event!, period, by, cancellationToken), problem);
    }

    private static async Task<Ok<KpiSettings>> GetSettingsAsync(long id, IKpiSettingsStore settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await settings.GetKpiSettingsAsync(id, cancellationToken));

    public sealed record SettingsRequest(string? PaidEvent, string? PlanProperty, string? FreePlanValue);

    private static async Task<Results<Ok<KpiSettings>, ProblemHttpResult>> PutSettingsAsync(
        long id, SettingsRequest request, IKpiSettingsStore settings, CancellationToken cancellationToken)
    {
        var saved = new KpiSettings(request.PaidEvent?.Trim() ?? "", NullIfBlank(request.PlanProperty), NullIfBlank(request.FreePlanValue));
        if (KpiQuery.SettingsProblem(saved) is { } problem)
        {
            return ApiProblems.BadRequest(problem.Field, problem.Detail);
        }
        await settings.SaveKpiSettingsAsync(id, saved, cancellationToken);
        return TypedResults.Ok(saved);
    }

    /// <summary>Reads the period and breakdown for the route's project, answering the first problem of them or of <paramref name="problem"/>.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> AnswerAsync<T>(
        HttpContext context, string? from, string? to, string? by, KpiService kpis, Func<Project, DayRange, Task<T>> answer, KpiProblem? problem = null)
    {
        var project = context.RouteProject();
        if (KpiQuery.ZoneProblem(project) is { } zoneProblem)
        {
            return ApiProblems.BadRequest(zoneProblem.Field, zoneProblem.Detail);
        }
        var (period, periodProblem) = KpiQuery.Days(from, to, kpis.Today(project));
        if ((problem ?? periodProblem ?? KpiQuery.PropertyProblem("by", by)) is { } first)
        {
            return ApiProblems.BadRequest(first.Field, first.Detail);
        }
        return TypedResults.Ok(await answer(project, period!));
    }

    /// <summary>The answer, or its table as a CSV download named <paramref name="fileName"/> when the request asks for CSV (see <see cref="ChartCsv"/>).</summary>
    private static async Task<Results<Ok<T>, FileContentHttpResult, ProblemHttpResult>> WithCsvAsync<T>(
        string? format, HttpContext context, Func<Task<Results<Ok<T>, ProblemHttpResult>>> answer, Func<T, KpisPageText, ChartTable> table, Func<T, string> fileName)
    {
        if (ChartCsv.CheckFormat(format) is { } formatProblem)
        {
            return formatProblem;
        }
        return (await answer()).Result switch
        {
            Ok<T> { Value: { } report } when ChartCsv.IsRequested(format, context.Request) => ChartCsv.File(table(report, UiText.For(context).KpisPage), fileName(report)),
            Ok<T> ok => ok,
            var problem => (ProblemHttpResult)problem,
        };
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
