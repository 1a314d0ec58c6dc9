using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Goals;
using Vigil.Core.Metrics;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Goals;

/// <summary>
/// GET    /api/projects/{id}/goals                          the project's goals
/// POST   /api/projects/{id}/goals                          {"metric","period","target","label"} adds one: 201
/// PUT    /api/projects/{id}/goals/{goalId}                 replaces one: 200
/// DELETE /api/projects/{id}/goals/{goalId}                 removes one: 204
/// GET    /api/projects/{id}/goals/progress?period=&amp;date=   each goal (of one period kind) against its period holding date (default today)
/// </summary>
internal static class GoalEndpoints
{
    public static IServiceCollection AddGoals(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IGoalStore)provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<GoalActuals>();
        services.AddSingleton<GoalProgressReader>();
        services.AddSingleton<IReportGoalsSource, GoalReportSource>();
        services.AddSingleton<GoalCommands>();
        services.AddSingleton<RevenueReader>();
        return services;
    }

    public static void MapGoalEndpoints(this IEndpointRouteBuilder app)
    {
        var goals = app.MapGroup("/api/projects/{id:long}/goals").RequireAuthorization(VigilAuth.ApiPolicy).DisableAntiforgery().RequireProject();
        goals.MapGet("", ListAsync);
        goals.MapPost("", AddAsync);
        goals.MapPut("/{goalId:long}", ReplaceAsync);
        goals.MapDelete("/{goalId:long}", DeleteAsync);
        goals.MapGet("/progress", ProgressAsync);
        app.MapRevenueEndpoints();
    }

    public sealed record GoalBody(string? Metric, string? Period, double? Target, string? Label);

    public sealed record GoalAnswer(long Id, string Metric, string Period, double Target, string? Label, DateTimeOffset CreatedAt)
    {
        public static GoalAnswer Of(Goal goal) => new(goal.Id, GoalRules.Name(goal.Metric), GoalRules.Name(goal.Period), goal.Target, goal.Label, goal.CreatedAt);
    }

    public sealed record ProgressAnswer(GoalAnswer Goal, string Period, DateOnly From, DateOnly To, double Actual, double AchievementPercent)
    {
        public static ProgressAnswer Of(GoalProgress progress) => new(
            GoalAnswer.Of(progress.Goal), progress.Period.Name, progress.Period.First, progress.Period.End.AddDays(-1), progress.Actual, progress.AchievementPercent);
    }

    private static async Task<Ok<List<GoalAnswer>>> ListAsync(long id, IGoalStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListGoalsAsync(id, cancellationToken)).Select(GoalAnswer.Of).ToList());

    private static async Task<Results<Created<GoalAnswer>, ProblemHttpResult>> AddAsync(long id, GoalBody? body, GoalCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.SaveAsync(id, null, body?.Metric, body?.Period, body?.Target, body?.Label, cancellationToken);
        return outcome.Goal is { } goal
            ? TypedResults.Created($"/api/projects/{id}/goals/{goal.Id}", GoalAnswer.Of(goal))
            : ApiProblems.BadRequest(outcome.Field!, outcome.Reason!);
    }

    private static async Task<Results<Ok<GoalAnswer>, ProblemHttpResult>> ReplaceAsync(
        long id, long goalId, GoalBody? body, GoalCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.SaveAsync(id, goalId, body?.Metric, body?.Period, body?.Target, body?.Label, cancellationToken);
        return outcome switch
        {
            { Goal: { } goal } => TypedResults.Ok(GoalAnswer.Of(goal)),
            { Field: "goalId" } => GoalNotFound(id, goalId),
            _ => ApiProblems.BadRequest(outcome.Field!, outcome.Reason!),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, long goalId, GoalCommands commands, CancellationToken cancellationToken) =>
        await commands.DeleteAsync(id, goalId, cancellationToken) ? TypedResults.NoContent() : GoalNotFound(id, goalId);

    private static async Task<Results<Ok<List<ProgressAnswer>>, ProblemHttpResult>> ProgressAsync(
        string? period, string? date, HttpContext context, GoalProgressReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = context.RouteProject();
        GoalPeriodKind? kind = null;
        if (period is not null && (kind = GoalRules.ParsePeriod(period)) is null)
        {
            return ApiProblems.BadRequest("period", $"period must be one of {string.Join(", ", GoalRules.Periods.Select(GoalRules.Name))}, or left out for every goal.");
        }
        var day = TimeBuckets.LocalDate(time.GetUtcNow(), project.TimeZone);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ApiProblems.BadRequest("date", $"'{date}' is not a date such as 2026-11-21 (a local date in the project's time zone).");
        }
        return TypedResults.Ok((await reader.ReadAsync(project, day, kind, cancellationToken)).Select(ProgressAnswer.Of).ToList());
    }

    private static ProblemHttpResult GoalNotFound(long id, long goalId) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Goal not found", "goalId", $"Project {id} has no goal {goalId}.");
}
