using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Alerts.Delivery;
using Vigil.Auth;
using Vigil.Core.Alerts;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Alerts;

/// <summary>
/// GET    /api/projects/{id}/alerts                                every rule's state, and numbers near their targets
/// GET    /api/projects/{id}/alert-rules                           the rule file (YAML) in force
/// PUT    /api/projects/{id}/alert-rules                           replace it; 400 lists every problem with line and column
/// GET    /api/projects/{id}/alerts/history?rule=&amp;limit=          transitions, newest first
/// GET    /api/projects/{id}/silences                              silences, active and past
/// POST   /api/projects/{id}/silences                              {matchers, startsAt?, endsAt, reason}
/// DELETE /api/projects/{id}/silences/{silenceId}                  end a silence now
/// GET    /api/projects/{id}/maintenance-windows
/// POST   /api/projects/{id}/maintenance-windows                   {startsAt, endsAt, reason}
/// DELETE /api/projects/{id}/maintenance-windows/{windowId}
/// GET    /api/projects/{id}/notifications?status=&amp;limit=         the outbox: pending, sent, dead
/// POST   /api/projects/{id}/notifications/{notificationId}/retry  put a dead notification back in line
/// </summary>
internal static class AlertEndpoints
{
    private const int MaxRuleFileBytes = AlertRuleFiles.MaxCharacters;

    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertMetricReader>();
        services.AddSingleton<AlertRuleFiles>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<AlertOverviewReader>();
        services.AddSingleton<AlertCommands>();
        services.AddSingleton<AlertsPageReader>();
        services.AddSingleton<PublicAddress>();
        services.AddSingleton(provider => (IAlertStore)provider.GetRequiredService<IMetadataStore>());
        services.AddNotificationSenders();
        services.AddSingleton<NotificationDeliveryJob>();
        services.AddHostedService(provider => provider.GetRequiredService<NotificationDeliveryJob>());
        services.AddHostedService<AlertEvaluationJob>();
        return services;
    }

    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup("/api/projects/{id:long}").RequireAuthorization(VigilAuth.ApiPolicy);
        project.MapGet("/alerts", GetAlertsAsync);
        project.MapGet("/alert-rules", GetRulesAsync);
        project.MapPut("/alert-rules", PutRulesAsync);
        project.MapGet("/alerts/history", GetHistoryAsync);
        project.MapGet("/silences", GetSilencesAsync);
        project.MapPost("/silences", PostSilenceAsync);
        project.MapDelete("/silences/{silenceId:long}", DeleteSilenceAsync);
        project.MapGet("/maintenance-windows", GetMaintenanceWindowsAsync);
        project.MapPost("/maintenance-windows", PostMaintenanceWindowAsync);
        project.MapDelete("/maintenance-windows/{windowId:long}", DeleteMaintenanceWindowAsync);
        project.MapGet("/notifications", GetNotificationsAsync);
        project.MapPost("/notifications/{notificationId:long}/retry", RetryNotificationAsync);
    }

    public sealed record RuleFileView(string Yaml, long Version, DateTimeOffset? UpdatedAt, RefusedRuleFile? RefusedFile);

    public sealed record SilenceRequest(string[]? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason);

    public sealed record MaintenanceWindowRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason);

    private static async Task<Results<Ok<AlertOverview>, ProblemHttpResult>> GetAlertsAsync(long id, ProjectDirectory projects, AlertOverviewReader overviews, CancellationToken cancellationToken) =>
        await projects.FindProjectAsync(id, cancellationToken) is { } project
            ? TypedResults.Ok(await overviews.ReadAsync(project, cancellationToken))
            : ApiProblems.ProjectNotFound(id);

    private static async Task<Results<Ok<RuleFileView>, ProblemHttpResult>> GetRulesAsync(long id, ProjectDirectory projects, AlertRuleFiles ruleFiles, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var file = await ruleFiles.FindAsync(id, cancellationToken);
        return TypedResults.Ok(new RuleFileView(file?.Yaml ?? AlertRuleFiles.Starter, file?.Version ?? 0, file?.UpdatedAt, ruleFiles.RefusedFor(id)));
    }

    private static async Task<Results<Ok<RuleFileView>, ProblemHttpResult>> PutRulesAsync(long id, HttpRequest request, ProjectDirectory projects, AlertRuleFiles ruleFiles, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (request.ContentLength > MaxRuleFileBytes)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Rule file too large", "body", $"A rule file may be at most {MaxRuleFileBytes / 1024} KiB.");
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxRuleFileBytes + 1];
        var length = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (length > MaxRuleFileBytes)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Rule file too large", "body", $"A rule file may be at most {MaxRuleFileBytes / 1024} KiB.");
        }
        var (saved, problems) = await ruleFiles.SaveAsync(id, new string(buffer, 0, length), cancellationToken);
        if (saved is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid rule file",
                detail: string.Join("; ", problems.Select(problem => $"{problem.Line}:{problem.Column}: {problem.Message}")),
                extensions: new Dictionary<string, object?> { ["field"] = "body", ["errors"] = problems });
        }
        return TypedResults.Ok(new RuleFileView(saved.Yaml, saved.Version, saved.UpdatedAt, null));
    }

    private static async Task<Results<Ok<IReadOnlyList<AlertHistoryEntry>>, ProblemHttpResult>> GetHistoryAsync(
        long id, string? rule, int? limit, ProjectDirectory projects, IAlertStore store, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (limit is < 1 or > 1000)
        {
            return ApiProblems.BadRequest("limit", "limit must be between 1 and 1000.");
        }
        return TypedResults.Ok(await store.ListHistoryAsync(id, rule, limit ?? 100, cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<Silence>>, ProblemHttpResult>> GetSilencesAsync(long id, ProjectDirectory projects, IAlertStore store, CancellationToken cancellationToken) =>
        await projects.FindProjectAsync(id, cancellationToken) is null
            ? ApiProblems.ProjectNotFound(id)
            : TypedResults.Ok(await store.ListSilencesAsync(id, cancellationToken));

    private static async Task<Results<Created<Silence>, ProblemHttpResult>> PostSilenceAsync(
        long id, SilenceRequest? body, ClaimsPrincipal user, ProjectDirectory projects, AlertCommands commands, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var matchers = new List<Matcher>();
        var texts = body?.Matchers ?? [];
        for (var index = 0; index < texts.Length; index++)
        {
            if (!Matcher.TryParse(texts[index] ?? "", out var matcher, out var error))
            {
                return ApiProblems.BadRequest($"matchers[{index}]", error);
            }
            matchers.Add(matcher!);
        }
        var (silence, problem) = await commands.CreateSilenceAsync(id, matchers, body?.StartsAt, body?.EndsAt, body?.Reason, user.Identity?.Name ?? "unknown", cancellationToken);
        return silence is null
            ? ApiProblems.BadRequest(problem!.Field, problem.Message)
            : TypedResults.Created($"/api/projects/{id}/silences/{silence.Id}", silence);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSilenceAsync(long id, long silenceId, AlertCommands commands, CancellationToken cancellationToken) =>
        await commands.ExpireSilenceAsync(id, silenceId, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Silence not found", "silenceId", $"Project {id} has no silence {silenceId}.");

    private static async Task<Results<Ok<IReadOnlyList<MaintenanceWindow>>, ProblemHttpResult>> GetMaintenanceWindowsAsync(long id, ProjectDirectory projects, IAlertStore store, CancellationToken cancellationToken) =>
        await projects.FindProjectAsync(id, cancellationToken) is null
            ? ApiProblems.ProjectNotFound(id)
            : TypedResults.Ok(await store.ListMaintenanceWindowsAsync(id, cancellationToken));

    private static async Task<Results<Created<MaintenanceWindow>, ProblemHttpResult>> PostMaintenanceWindowAsync(
        long id, MaintenanceWindowRequest? body, ProjectDirectory projects, AlertCommands commands, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var (window, problem) = await commands.CreateMaintenanceWindowAsync(id, body?.StartsAt, body?.EndsAt, body?.Reason, cancellationToken);
        return window is null
            ? ApiProblems.BadRequest(problem!.Field, problem.Message)
            : TypedResults.Created($"/api/projects/{id}/maintenance-windows/{window.Id}", window);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteMaintenanceWindowAsync(long id, long windowId, AlertCommands commands, CancellationToken cancellationToken) =>
        await commands.DeleteMaintenanceWindowAsync(id, windowId, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Maintenance window not found", "windowId", $"Project {id} has no maintenance window {windowId}.");

    private static async Task<Results<Ok<IReadOnlyList<OutboxNotification>>, ProblemHttpResult>> GetNotificationsAsync(
        long id, string? status, int? limit, ProjectDirectory projects, IAlertStore store, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        NotificationStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<NotificationStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return ApiProblems.BadRequest("status", "status must be pending, sent or dead.");
            }
            wanted = parsed;
        }
        if (limit is < 1 or > 1000)
        {
            return ApiProblems.BadRequest("limit", "limit must be between 1 and 1000.");
        }
        var notifications = await store.ListNotificationsAsync(id, wanted, limit ?? 100, cancellationToken);
        // A webhook's signing secret is for signing only; the outbox is read by people and tools that need not know it.
        return TypedResults.Ok<IReadOnlyList<OutboxNotification>>(notifications.Select(notification =>
            notification with { Destination = notification.Destination with { Secret = null } }).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetryNotificationAsync(long id, long notificationId, AlertCommands commands, CancellationToken cancellationToken) =>
        await commands.RetryNotificationAsync(id, notificationId, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "No dead notification", "notificationId", $"Project {id} has no dead notification {notificationId}.");
}
