using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Logs;
using Vigil.Core.Projects;
using Vigil.Hosting;

namespace Vigil.Projects;

/// <summary>
/// The settings a project owner edits: name, time zone, key event names, targets, health URL, and how long logs are
/// kept (left out, it stays as it is).
/// </summary>
internal sealed record ProjectSettings(
    string Name,
    string TimeZone,
    KeyEvents KeyEvents,
    Targets Targets,
    string? HealthUrl,
    int? LogRetentionDays = null);

internal sealed record ProjectView(
    long Id, string Name, string TimeZone, KeyEvents KeyEvents, Targets Targets, string? HealthUrl, DateTimeOffset CreatedAt, IReadOnlyList<string> IngestKeys, int LogRetentionDays);

internal sealed record CreateProjectRequest(string? Name, string? TimeZone);

/// <summary>
/// GET  /api/projects          every project
/// POST /api/projects          create one (with its first ingest key)
/// GET  /api/projects/{id}     one project with its settings and ingest keys
/// PUT  /api/projects/{id}     replace its settings
/// </summary>
internal static class ProjectEndpoints
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddSingleton<ProjectDirectory>();
        services.AddSingleton<Bootstrap>();
        return services;
    }

    public static void MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects").RequireAuthorization(VigilAuth.ApiPolicy).DisableAntiforgery();
        projects.MapGet("/", ListAsync);
        projects.MapPost("/", CreateAsync);
        projects.MapGet("/{id:long}", GetAsync);
        projects.MapPut("/{id:long}", UpdateAsync);
    }

    private static async Task<Ok<List<ProjectView>>> ListAsync(ProjectDirectory projects, CancellationToken cancellationToken)
    {
        var views = new List<ProjectView>();
        foreach (var project in await projects.ListProjectsAsync(cancellationToken))
        {
            views.Add(await ViewAsync(project, projects, cancellationToken));
        }
        return TypedResults.Ok(views);
    }

    private static async Task<Results<Created<ProjectView>, ValidationProblem>> CreateAsync(CreateProjectRequest request, ProjectDirectory projects, CancellationToken cancellationToken)
    {
        var timeZone = request.TimeZone ?? Project.DefaultTimeZoneId;
        var errors = ProjectNameValidator.Validate(request.Name, timeZone);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var project = await projects.CreateProjectAsync(request.Name!.Trim(), timeZone, cancellationToken);
        return TypedResults.Created($"/api/projects/{project.Id}", await ViewAsync(project, projects, cancellationToken));
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> GetAsync(long id, ProjectDirectory projects, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        return project is null ? ApiProblems.ProjectNotFound(id) : TypedResults.Ok(await ViewAsync(project, projects, cancellationToken));
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult, ValidationProblem>> UpdateAsync(long id, ProjectSettings settings, ProjectDirectory projects, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        if (project is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var errors = ProjectSettingsValidator.Validate(settings);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var updated = ProjectSettingsValidator.Apply(project, settings);
        await projects.UpdateProjectAsync(updated, cancellationToken);
        return TypedResults.Ok(await ViewAsync(updated, projects, cancellationToken));
    }

    private static async Task<ProjectView> ViewAsync(Project project, ProjectDirectory projects, CancellationToken cancellationToken) => new(
        project.Id, project.Name, project.TimeZoneId, project.KeyEvents, project.Targets, project.HealthUrl, project.CreatedAt,
        await projects.ListIngestKeysAsync(project.Id, cancellationToken), project.LogRetentionDays);
}

/// <summary>
/// The rules for a project's name and time zone, shared by creating a project (API and dashboard) and editing its settings.
/// Messages are English; the dashboard translates them by field through <c>UiText.ValidationMessage</c>.
/// </summary>
internal static class ProjectNameValidator
{
    public const int MaxNameLength = 100;

    public static Dictionary<string, string[]> Validate(string? name, string? timeZone)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors["name"] = ["name is required, at most 100 characters."];
        }
        if (timeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors["timeZone"] = [$"'{timeZone}' is not a known IANA time zone."];
        }
        return errors;
    }
}

internal static class ProjectSettingsValidator
{
    public static Dictionary<string, string[]> Validate(ProjectSettings settings)
    {
        var errors = ProjectNameValidator.Validate(settings.Name, settings.TimeZone);
        void Check(bool valid, string field, string message)
        {
            if (!valid)
            {
                errors[field] = [message];
            }
        }
        Check(settings.KeyEvents is not null, "keyEvents", "keyEvents is required.");
        if (settings.KeyEvents is { } keyEvents)
        {
            Check(ValidEventName(keyEvents.PageView), "keyEvents.pageView", "an event name of 1 to 200 characters is required.");
            Check(ValidEventName(keyEvents.Signup), "keyEvents.signup", "an event name of 1 to 200 characters is required.");
            Check(ValidEventName(keyEvents.AppCreated), "keyEvents.appCreated", "an event name of 1 to 200 characters is required.");
            Check(ValidEventName(keyEvents.Order), "keyEvents.order", "an event name of 1 to 200 characters is required.");
        }
        Check(settings.Targets is not null, "targets", "targets is required.");
        if (settings.Targets is { } targets)
        {
            Check(targets.MaxErrorRatePercent is >= 0 and <= 100, "targets.maxErrorRatePercent", "a percentage between 0 and 100 is required.");
            Check(targets.MaxResponseTimeMs is > 0 and <= 600_000, "targets.maxResponseTimeMs", "milliseconds between 0 and 600,000 are required.");
            Check(targets.MinUptimePercent is >= 0 and <= 100, "targets.minUptimePercent", "a percentage between 0 and 100 is required.");
        }
        Check(string.IsNullOrWhiteSpace(settings.HealthUrl)
            || (Uri.TryCreate(settings.HealthUrl.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
            "healthUrl", "an absolute http or https URL is required, or nothing to switch the probe off.");
        Check(settings.LogRetentionDays is null or >= LogLimits.MinRetentionDays and <= LogLimits.MaxRetentionDays,
            "logRetentionDays", $"a whole number of days from {LogLimits.MinRetentionDays} to {LogLimits.MaxRetentionDays} is required.");
        return errors;
    }

    /// <summary>The project with valid settings in place (the API and the settings page alike).</summary>
    public static Project Apply(Project project, ProjectSettings settings) => project with
    {
        Name = settings.Name.Trim(),
        TimeZoneId = settings.TimeZone,
        KeyEvents = settings.KeyEvents,
        Targets = settings.Targets,
        HealthUrl = string.IsNullOrWhiteSpace(settings.HealthUrl) ? null : settings.HealthUrl.Trim(),
        LogRetentionDays = settings.LogRetentionDays ?? project.LogRetentionDays,
    };

    private static bool ValidEventName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Length <= 200;
}
