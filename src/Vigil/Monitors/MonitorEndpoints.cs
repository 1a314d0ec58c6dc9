using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Monitors;
using Vigil.Core.Storage;
using Vigil.Dashboard;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Monitors;

/// <summary>
/// GET    /api/projects/{id}/monitors                                 every monitor with its status and uptime over 24h, 7d, 30d, 90d
/// POST   /api/projects/{id}/monitors                                 create one (MonitorInput)
/// GET    /api/projects/{id}/monitors/{monitorId}                     one monitor with its status and uptime
/// PUT    /api/projects/{id}/monitors/{monitorId}                     replace its settings
/// DELETE /api/projects/{id}/monitors/{monitorId}                     delete it (its checks stay in the project's uptime)
/// GET    /api/projects/{id}/monitors/{monitorId}/results?range=&amp;format=   uptime and response times per range, incidents and recent
///                                                                    checks; format=csv (or Accept: text/csv) downloads the response-time chart
/// The admin token or the login cookie.
/// GET|POST|HEAD /heartbeat/{token}                                   a heartbeat's ping; unauthenticated, the token is the secret
/// GET|POST|HEAD /heartbeat/{token}/fail                              the job reports that it failed
/// </summary>
internal static class MonitorEndpoints
{
    private static readonly string[] PingMethods = ["GET", "POST", "HEAD"];

    public static IServiceCollection AddMonitors(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IMonitorStore)provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<MonitorChecker>();
        services.AddSingleton<MonitorCommands>();
        services.AddSingleton<MonitorReader>();
        services.AddSingleton<MonitorSchedulerJob>();
        services.AddHostedService(provider => provider.GetRequiredService<MonitorSchedulerJob>());
        return services;
    }

    public static void MapMonitorEndpoints(this IEndpointRouteBuilder app)
    {
        var monitors = app.MapGroup("/api/projects/{id:long}/monitors").RequireAuthorization(VigilAuth.ApiPolicy).DisableAntiforgery();
        monitors.MapGet("/", ListAsync);
        monitors.MapPost("/", CreateAsync);
        monitors.MapGet("/{monitorId:long}", GetAsync);
        monitors.MapPut("/{monitorId:long}", UpdateAsync);
        monitors.MapDelete("/{monitorId:long}", DeleteAsync);
        monitors.MapGet("/{monitorId:long}/results", ResultsAsync);

        var heartbeats = app.MapGroup("/heartbeat").AllowAnonymous().DisableAntiforgery();
        heartbeats.MapMethods("/{token}", PingMethods, (string token, IMonitorStore store, TimeProvider time, CancellationToken cancellationToken) =>
            PingAsync(token, failed: false, store, time, cancellationToken));
        heartbeats.MapMethods("/{token}/fail", PingMethods, (string token, IMonitorStore store, TimeProvider time, CancellationToken cancellationToken) =>
            PingAsync(token, failed: true, store, time, cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<MonitorListItem>>, ProblemHttpResult>> ListAsync(
        long id, ProjectDirectory projects, MonitorReader reader, CancellationToken cancellationToken) =>
        await projects.FindProjectAsync(id, cancellationToken) is null
            ? ApiProblems.ProjectNotFound(id)
            : TypedResults.Ok(await reader.ListAsync(id, cancellationToken));

    private static async Task<Results<Created<MonitorView>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        long id, MonitorInput input, ProjectDirectory projects, MonitorCommands commands, MonitorReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var result = await commands.CreateAsync(id, input, cancellationToken);
        return result.Monitor is { } created
            ? TypedResults.Created($"/api/projects/{id}/monitors/{created.Id}", reader.View(created))
            : result.Outcome == MonitorSaveOutcome.NameTaken ? NameTaken(result) : TypedResults.ValidationProblem(result.Errors);
    }

    private static async Task<Results<Ok<MonitorListItem>, ProblemHttpResult>> GetAsync(
        long id, long monitorId, ProjectDirectory projects, MonitorReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var item = (await reader.ListAsync(id, cancellationToken)).FirstOrDefault(item => item.Monitor.Id == monitorId);
        return item is null ? MonitorNotFound(monitorId) : TypedResults.Ok(item);
    }

    private static async Task<Results<Ok<MonitorView>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        long id, long monitorId, MonitorInput input, ProjectDirectory projects, MonitorCommands commands, MonitorReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var result = await commands.UpdateAsync(id, monitorId, input, cancellationToken);
        return result switch
        {
            { Monitor: { } saved } => TypedResults.Ok(reader.View(saved)),
            { Outcome: MonitorSaveOutcome.NotFound } => MonitorNotFound(monitorId),
            { Outcome: MonitorSaveOutcome.NameTaken } => NameTaken(result),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, long monitorId, ProjectDirectory projects, MonitorCommands commands, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        return await commands.DeleteAsync(id, monitorId, cancellationToken) ? TypedResults.NoContent() : MonitorNotFound(monitorId);
    }

    private static async Task<Results<Ok<MonitorDetail>, FileContentHttpResult, ProblemHttpResult>> ResultsAsync(
        long id, long monitorId, string? range, string? format, HttpContext context, ProjectDirectory projects, MonitorReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is not { } project)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        range ??= "24h";
        if (!MonitorReader.IsRange(range))
        {
            return ApiProblems.BadRequest("range", "range must be 24h, 7d, 30d or 90d.");
        }
        if (ChartCsv.CheckFormat(format) is { } problem)
        {
            return problem;
        }
        if (await reader.DetailAsync(id, monitorId, range, cancellationToken) is not { } detail)
        {
            return MonitorNotFound(monitorId);
        }
        return ChartCsv.IsRequested(format, context.Request)
            ? ChartCsv.File(ResponseTimeTable(detail, project.TimeZone, UiText.For(context).MonitorsPage), $"monitor-{monitorId}-{range}")
            : TypedResults.Ok(detail);
    }

    /// <summary>The response-time chart as a table: a row per check, at the project's offset, with its time in ms (empty for none).</summary>
    private static ChartTable ResponseTimeTable(MonitorDetail detail, TimeZoneInfo zone, MonitorsPageText text) => new(
        [text.Time, $"{text.ResponseTime} (ms)"],
        detail.ResponseTimes.Select(point => (IReadOnlyList<object?>)[TimeZoneInfo.ConvertTime(point.At, zone), point.ResponseTimeMs]).ToList());

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PingAsync(string token, bool failed, IMonitorStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.RecordPingAsync(token, time.GetUtcNow(), failed, cancellationToken) is null
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, "Heartbeat not found", "token", "No heartbeat monitor has this token.")
            : TypedResults.Text("OK");

    /// <summary>A name another monitor has is a conflict (409); anything else the input got wrong is a 400 naming each field.</summary>
    private static ProblemHttpResult NameTaken(MonitorSaveResult result) =>
        ApiProblems.Problem(StatusCodes.Status409Conflict, "Name taken", "name", result.Errors["name"][0]);

    private static ProblemHttpResult MonitorNotFound(long monitorId) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Monitor not found", "monitorId", $"This project has no monitor {monitorId}.");
}
