using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Feedback;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Dashboard;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Feedback;

internal sealed record FeedbackList(IReadOnlyList<FeedbackItem> Items, long Total, int Limit, int Offset);

internal sealed record FeedbackStatusChange(string? Status);

internal sealed record NpsSettingsView(bool Enabled, int PeriodDays, string? Question);

/// <summary>
/// GET   /api/projects/{id}/feedback?category=&amp;rating=&amp;status=&amp;q=&amp;limit=&amp;offset=   the inbox, newest first
/// PATCH /api/projects/{id}/feedback/{feedbackId}        {"status": "planned"}
/// GET   /api/projects/{id}/feedback/summary?range=7d|30d|90d   shares, negative themes, top complaint, highlights
/// GET   /api/projects/{id}/nps?range=30d|90d|365d&amp;format=   score, counts, trend, recent comments; format=csv (or
///                                                    Accept: text/csv) downloads the trend chart's weeks or months
/// GET   /api/projects/{id}/nps/settings, PUT the same    {"enabled": true, "periodDays": 90, "question": null}
/// The admin token or the login cookie.
/// </summary>
internal static class FeedbackEndpoints
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IFeedbackStore)provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<FeedbackSummaryReader>();
        services.AddSingleton<IReportFeedbackSource, FeedbackReportSource>();
        services.AddSingleton<NpsReader>();
        services.AddSingleton<FeedbackCommands>();
        return services;
    }

    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapFeedbackIngestEndpoints();
        var api = app.MapGroup("/api/projects/{id:long}").RequireAuthorization(VigilAuth.ApiPolicy);
        api.MapGet("/feedback", ListAsync);
        api.MapPatch("/feedback/{feedbackId:long}", SetStatusAsync);
        api.MapGet("/feedback/summary", GetSummaryAsync);
        api.MapGet("/nps", GetNpsAsync);
        api.MapGet("/nps/settings", GetSettingsAsync);
        api.MapPut("/nps/settings", PutSettingsAsync);
    }

    private static async Task<Results<Ok<FeedbackList>, ProblemHttpResult>> ListAsync(
        long id, string? category, string? rating, string? status, string? q, int? limit, int? offset,
        ProjectDirectory projects, IFeedbackStore store, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var (filter, field, detail) = FeedbackCommands.ParseFilter(category, rating, status, q);
        if (filter is null)
        {
            return ApiProblems.BadRequest(field!, detail!);
        }
        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.BadRequest("limit", $"limit must be from 1 to {MaxLimit}.");
        }
        if (offset < 0)
        {
            return ApiProblems.BadRequest("offset", "offset must not be negative.");
        }
        var page = await store.ListFeedbackAsync(id, filter, limit ?? DefaultLimit, offset ?? 0, cancellationToken);
        return TypedResults.Ok(new FeedbackList(page.Items, page.Total, limit ?? DefaultLimit, offset ?? 0));
    }

    private static async Task<Results<Ok<FeedbackItem>, ProblemHttpResult>> SetStatusAsync(
        long id, long feedbackId, FeedbackStatusChange change, ProjectDirectory projects, FeedbackCommands commands, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (FeedbackNames.ParseStatus(change.Status) is not { } status)
        {
            return ApiProblems.BadRequest("status", $"status must be {FeedbackNames.Statuses}.");
        }
        return await commands.SetStatusAsync(id, feedbackId, status, cancellationToken) is { } changed
            ? TypedResults.Ok(changed)
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Feedback not found", "feedbackId", $"Project {id} has no feedback {feedbackId}.");
    }

    private static async Task<Results<Ok<FeedbackSummary>, ProblemHttpResult>> GetSummaryAsync(
        long id, string? range, ProjectDirectory projects, FeedbackSummaryReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (!FeedbackRanges.Feedback.TryGetValue(range ?? FeedbackRanges.DefaultFeedbackRange, out var span))
        {
            return ApiProblems.BadRequest("range", "range must be 7d, 30d or 90d.");
        }
        var to = FeedbackRanges.EndOfCurrentHour(time);
        return TypedResults.Ok(await reader.ReadAsync(id, to - span, to, cancellationToken));
    }

    private static async Task<Results<Ok<NpsReport>, FileContentHttpResult, ProblemHttpResult>> GetNpsAsync(
        long id, string? range, string? format, HttpContext context, ProjectDirectory projects, NpsReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (!FeedbackRanges.Nps.ContainsKey(range ?? FeedbackRanges.DefaultNpsRange))
        {
            return ApiProblems.BadRequest("range", "range must be 30d, 90d or 365d.");
        }
        if (ChartCsv.CheckFormat(format) is { } problem)
        {
            return problem;
        }
        range ??= FeedbackRanges.DefaultNpsRange;
        var report = await reader.ReadAsync(id, range, cancellationToken);
        return ChartCsv.IsRequested(format, context.Request)
            ? ChartCsv.File(NpsTables.Trend(report, UiText.For(context).FeedbackPage), $"nps-{range}")
            : TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<NpsSettingsView>, ProblemHttpResult>> GetSettingsAsync(
        long id, ProjectDirectory projects, IFeedbackStore store, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        return TypedResults.Ok(FeedbackCommands.View(await store.ReadNpsSettingsAsync(id, cancellationToken)));
    }

    private static async Task<Results<Ok<NpsSettingsView>, ProblemHttpResult>> PutSettingsAsync(
        long id, NpsSettingsView settings, ProjectDirectory projects, FeedbackCommands commands, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var (saved, field, detail) = await commands.SaveNpsSettingsAsync(id, settings, cancellationToken);
        return saved is not null ? TypedResults.Ok(FeedbackCommands.View(saved)) : ApiProblems.BadRequest(field!, detail!);
    }
}

/// <summary>The NPS trend chart as a table, for its CSV download.</summary>
internal static class NpsTables
{
    /// <summary>A row per week or month (UTC) of the chart, empty ones included: its start, score, responses and groups.</summary>
    public static ChartTable Trend(NpsReport report, FeedbackPageText text) => new(
        [text.NpsPeriodStart, "NPS", text.ResponseCount, text.Promoters, text.Passives, text.Detractors],
        report.Trend.Select(point => (IReadOnlyList<object?>)[
            DateOnly.FromDateTime(point.Start.UtcDateTime), point.Counts.Score, point.Counts.Responses, point.Counts.Promoters, point.Counts.Passives, point.Counts.Detractors]).ToList());
}
