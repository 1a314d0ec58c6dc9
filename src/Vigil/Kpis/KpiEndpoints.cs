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
/// cohorts), churn (the months), the funnel (the steps), conversion and events per user (their figures); with
/// part=breakdown, the breakdown table by the property `by` (each figure with the previous period's and the change).
/// The admin token or the login cookie.
/// </summary>
internal static class KpiEndpoints
{
    private const string BreakdownPart = "breakdown";

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
        string? from, string? to, string? by, string? format, string? part, HttpContext context, KpiService kpis, CancellationToken cancellationToken) =>
        WithCsvAsync(
            new("active-users", format, part, by, context),
            () => AnswerAsync(context, from, to, by, kpis, (project, period) => kpis.GetActiveUsersAsync(project, period, by, cancellationToken)),
            KpiTables.DailyActiveUsers, (report, text) => KpiTables.Breakdown(by!, report.Breakdown, KpiTables.ActiveUsersFigures(), text), report => Days(report.From, report.To));

    private static Task<Results<Ok<RetentionReport>, FileContentHttpResult, ProblemHttpResult>> GetRetentionAsync(
        string? from, string? to, string? by, string? format, string? part, HttpContext context, KpiService kpis, CancellationToken cancellationToken) =>
        WithCsvAsync(
            new("retention", format, part, by, context),
            () => AnswerAsync(context, from, to, by, kpis, (project, period) => kpis.GetRetentionAsync(project, period, by, cancellationToken)),
            KpiTables.Cohorts, (report, text) => KpiTables.Breakdown(by!, report.Breakdown, KpiTables.RetentionFigures(text), text), report => Days(report.From, report.To));

    private static Task<Results<Ok<ChurnReport>, FileContentHttpResult, ProblemHttpResult>> GetChurnAsync(
        string? months, string? by, string? format, string? part, HttpContext context, KpiService kpis, CancellationToken cancellationToken)
    {
        var (count, problem) = KpiQuery.Months(months);
        return WithCsvAsync(
            new("churn", format, part, by, context),
            () => AnswerAsync(context, null, null, by, kpis, (project, _) => kpis.GetChurnAsync(project, count, by, cancellationToken), problem),
            KpiTables.ChurnMonths, (report, text) => KpiTables.Breakdown(by!, report.Breakdown, KpiTables.ChurnFigures(text), text), _ => $"{count}m");
    }

    private static Task<Results<Ok<ConversionReport>, FileContentHttpResult, ProblemHttpResult>> GetConversionAsync(
        string? from, string? to, string? by, string? format, string? part, HttpContext context, KpiService kpis, CancellationToken cancellationToken) =>
        WithCsvAsync(
            new("conversion", format, part, by, context),
            () => AnswerAsync(context, from, to, by, kpis, (project, period) => kpis.GetConversionAsync(project, period, by, cancellationToken)),
            KpiTables.ConversionTotal, (report, text) => KpiTables.Breakdown(by!, report.Breakdown, KpiTables.ConversionFigures(text), text), report => Days(report.From, report.To));

    private static Task<Results<Ok<FunnelReport>, FileContentHttpResult, ProblemHttpResult>> GetFunnelAsync(
        string? steps, string? window, string? from, string? to, string? by, string? format, string? part, HttpContext context, KpiService kpis, CancellationToken cancellationToken)
    {
        var (names, stepsProblem) = KpiQuery.Steps(steps);
        var (duration, windowProblem) = KpiQuery.Window(window);
        return WithCsvAsync(
            new("funnel", format, part, by, context),
            () => AnswerAsync(
                context, from, to, by, kpis, (project, period) => kpis.GetFunnelAsync(project, names!, duration, period, by, cancellationToken), stepsProblem ?? windowProblem),
            KpiTables.FunnelSteps, (report, text) => KpiTables.Breakdown(by!, report.Breakdown, KpiTables.FunnelFigures(report.Steps, text), text), report => Days(report.From, report.To));
    }

    private static Task<Results<Ok<EventsPerUserReport>, FileContentHttpResult, ProblemHttpResult>> GetEventsPerUserAsync(
        string? @event, string? from, string? to, string? by, string? format, string? part, HttpContext context, KpiService kpis, CancellationToken cancellationToken)
    {
        var problem = string.IsNullOrWhiteSpace(@event) ? new KpiProblem("event", "event is required: the name of the event to count per active user.") : null;
        return WithCsvAsync(
            new("events-per-user", format, part, by, context),
            () => AnswerAsync(context, from, to, by, kpis, (project, period) => kpis.GetEventsPerUserAsync(project, @event!, period, by, cancellationToken), problem),
            KpiTables.EventsPerUserTotal, (report, text) => KpiTables.Breakdown(by!, report.Breakdown, KpiTables.EventsPerUserFigures(text), text), report => Days(report.From, report.To));
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

    /// <summary>What a KPI request says about its CSV: the KPI's name (the file's first word), format, part and breakdown property.</summary>
    private sealed record CsvRequest(string Kpi, string? Format, string? Part, string? By, HttpContext Context);

    /// <summary>
    /// The answer, or as a CSV download (see <see cref="ChartCsv"/>) the page's chart or table of it, or with
    /// part=breakdown its breakdown table, named <c>{kpi}-{span}.csv</c> or <c>{kpi}-by-{by}-{span}.csv</c>.
    /// </summary>
    private static async Task<Results<Ok<T>, FileContentHttpResult, ProblemHttpResult>> WithCsvAsync<T>(
        CsvRequest request, Func<Task<Results<Ok<T>, ProblemHttpResult>>> answer,
        Func<T, KpisPageText, ChartTable> table, Func<T, KpisPageText, ChartTable> breakdown, Func<T, string> span)
    {
        if (ChartCsv.CheckFormat(request.Format) is { } formatProblem)
        {
            return formatProblem;
        }
        if (request.Part is not (null or BreakdownPart))
        {
            return ApiProblems.BadRequest("part", "part must be breakdown, or left out for the KPI's chart or table.");
        }
        var byBreakdown = request.Part == BreakdownPart;
        if (byBreakdown && string.IsNullOrWhiteSpace(request.By))
        {
            return ApiProblems.BadRequest("by", "by is required with part=breakdown: the property to break the KPI down by.");
        }
        var text = UiText.For(request.Context).KpisPage;
        return (await answer()).Result switch
        {
            Ok<T> { Value: { } report } when ChartCsv.IsRequested(request.Format, request.Context.Request) => byBreakdown
                ? ChartCsv.File(breakdown(report, text), $"{request.Kpi}-by-{request.By}-{span(report)}")
                : ChartCsv.File(table(report, text), $"{request.Kpi}-{span(report)}"),
            Ok<T> ok => ok,
            var problem => (ProblemHttpResult)problem,
        };
    }

    private static string Days(DateOnly from, DateOnly to) => $"{KpiViews.Date(from)}-{KpiViews.Date(to)}";

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
