using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Projects;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Reports;

/// <summary>
/// GET  /api/projects/{id}/report-settings         schedules, language and recipients (defaults when never saved)
/// PUT  /api/projects/{id}/report-settings         replaces them
/// GET  /api/projects/{id}/reports                 archived reports, newest first (without their text)
/// GET  /api/projects/{id}/reports/{reportId}      one archived report with its text
/// POST /api/projects/{id}/reports                 {"kind","date","language"} writes, archives and sends one now: 201
/// GET  /api/projects/{id}/reports/preview?kind=&amp;date=&amp;language=   writes one as POST would, neither archived nor sent
/// </summary>
internal static class ReportEndpoints
{
    public const int ListLimit = 200;

    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IReportStore)provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<ReportAssembler>();
        services.AddSingleton<ReportPublisher>();
        services.AddSingleton<ReportSettingsCommands>();
        services.AddSingleton<ReportSchedulerJob>();
        services.AddHostedService(provider => provider.GetRequiredService<ReportSchedulerJob>());
        return services;
    }

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup("/api/projects/{id:long}").RequireAuthorization(VigilAuth.ApiPolicy).RequireProject();
        project.MapGet("/report-settings", GetSettingsAsync);
        project.MapPut("/report-settings", PutSettingsAsync);
        project.MapGet("/reports", ListAsync);
        project.MapGet("/reports/{reportId:long}", GetAsync);
        project.MapPost("/reports", SendNowAsync);
        project.MapGet("/reports/preview", PreviewAsync);
    }

    public sealed record RecipientBody(string? Kind, string? Name);

    public sealed record SettingsBody(string? DailySchedule, string? WeeklySchedule, string? Language, IReadOnlyList<RecipientBody>? Recipients);

    public sealed record SettingsAnswer(string? DailySchedule, string? WeeklySchedule, string Language, IReadOnlyList<RecipientBody> Recipients, DateTimeOffset? NextDaily, DateTimeOffset? NextWeekly);

    public sealed record ReportAnswer(long Id, string Kind, DateOnly From, DateOnly To, string Language, bool Scheduled, string Subject, DateTimeOffset CreatedAt, string? Text);

    public sealed record SendBody(string? Kind, string? Date, string? Language);

    public sealed record PreviewAnswer(string Kind, DateOnly From, DateOnly To, string Language, string Subject, string Text);

    /// <summary>A report to write now: its kind, last day and the settings with the language asked for.</summary>
    private sealed record ReportRequest(ReportKind Kind, DateOnly LastDay, ReportSettings Settings);

    private static async Task<Ok<SettingsAnswer>> GetSettingsAsync(long id, HttpContext context, IReportStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = context.RouteProject();
        var settings = await store.FindReportSettingsAsync(id, cancellationToken) ?? ReportSettings.Default(id);
        DateTimeOffset? Next(string? schedule) => schedule is null ? null : CronSchedule.Parse(schedule).Next(time.GetUtcNow(), project.TimeZone);
        return TypedResults.Ok(new SettingsAnswer(
            settings.DailySchedule,
            settings.WeeklySchedule,
            ReportLanguages.Code(settings.Language),
            settings.Recipients.Select(recipient => new RecipientBody(ReportSettingsCommands.KindName(recipient.Kind), recipient.Name)).ToList(),
            Next(settings.DailySchedule),
            Next(settings.WeeklySchedule)));
    }

    private static async Task<Results<Ok<SettingsAnswer>, ProblemHttpResult>> PutSettingsAsync(
        long id, SettingsBody? body, HttpContext context, IReportStore store, ReportSettingsCommands commands, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ApiProblems.BadRequest("body", "Send {\"dailySchedule\",\"weeklySchedule\",\"language\",\"recipients\"}.");
        }
        if ((await commands.SaveAsync(id, body, cancellationToken)).FirstOrDefault() is { } problem)
        {
            return ApiProblems.BadRequest(problem.Field, problem.Field is "dailySchedule" or "weeklySchedule"
                ? $"{problem.Field}: {problem.Reason}; null turns the report off."
                : problem.Reason);
        }
        return await GetSettingsAsync(id, context, store, time, cancellationToken);
    }

    private static async Task<Ok<List<ReportAnswer>>> ListAsync(long id, IReportStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListReportsAsync(id, ListLimit, cancellationToken)).Select(report => Answer(report, withText: false)).ToList());

    private static async Task<Results<Ok<ReportAnswer>, ProblemHttpResult>> GetAsync(long id, long reportId, IReportStore store, CancellationToken cancellationToken) =>
        await store.FindReportAsync(id, reportId, cancellationToken) is { } report
            ? TypedResults.Ok(Answer(report, withText: true))
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Report not found", "reportId", $"Project {id} has no report {reportId}.");

    private static async Task<Results<Created<ReportAnswer>, ProblemHttpResult>> SendNowAsync(
        long id, SendBody? body, HttpContext context, IReportStore store, ReportPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = context.RouteProject();
        var (request, problem) = await ReadRequestAsync(project, body?.Kind, body?.Date, body?.Language, store, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var report = await publisher.PublishAsync(project, request!.Settings, request.Kind, request.LastDay, scheduled: false, cancellationToken);
        // Reports sent on demand are never deduplicated, so one is always archived.
        return TypedResults.Created($"/api/projects/{id}/reports/{report!.Id}", Answer(report, withText: true));
    }

    private static async Task<Results<Ok<PreviewAnswer>, ProblemHttpResult>> PreviewAsync(
        string? kind, string? date, string? language, HttpContext context, IReportStore store, ReportPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = context.RouteProject();
        var (request, problem) = await ReadRequestAsync(project, kind, date, language, store, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (subject, _, text) = await publisher.RenderAsync(project, request!.Settings.Language, request.Kind, request.LastDay, cancellationToken);
        var (from, to) = ReportPeriods.Of(request.Kind, request.LastDay);
        return TypedResults.Ok(new PreviewAnswer(KindName(request.Kind), from, to, ReportLanguages.Code(request.Settings.Language), subject, text));
    }

    /// <summary>
    /// Reads kind (daily or weekly), date (the report's last day, default yesterday in the project's zone) and language
    /// (default the project's report language), or answers the 400 naming the first field at fault.
    /// </summary>
    private static async Task<(ReportRequest? Request, ProblemHttpResult? Problem)> ReadRequestAsync(
        Project project, string? kindName, string? date, string? languageCode, IReportStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ParseKind(kindName) is not { } kind)
        {
            return (null, ApiProblems.BadRequest("kind", "kind must be \"daily\" or \"weekly\"."));
        }
        var settings = await store.FindReportSettingsAsync(project.Id, cancellationToken) ?? ReportSettings.Default(project.Id);
        if (languageCode is not null)
        {
            if (!ReportLanguages.TryParse(languageCode, out var language))
            {
                return (null, ApiProblems.BadRequest("language", "language must be \"en\" or \"ko\"."));
            }
            settings = settings with { Language = language };
        }
        var lastDay = ReportPeriods.LastDayFor(time.GetUtcNow(), project.TimeZone);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out lastDay))
        {
            return (null, ApiProblems.BadRequest("date", $"date must be a day as yyyy-MM-dd (the report's last day); '{date}' is not."));
        }
        return (new ReportRequest(kind, lastDay, settings), null);
    }

    public static string KindName(ReportKind kind) => kind == ReportKind.Daily ? "daily" : "weekly";

    public static ReportKind? ParseKind(string? name) => name switch
    {
        "daily" => ReportKind.Daily,
        "weekly" => ReportKind.Weekly,
        _ => null,
    };

    private static ReportAnswer Answer(ArchivedReport report, bool withText) => new(
        report.Id,
        KindName(report.Kind),
        report.From,
        report.To,
        ReportLanguages.Code(report.Language),
        report.Scheduled,
        report.Subject,
        report.CreatedAt,
        withText ? report.Text : null);
}
