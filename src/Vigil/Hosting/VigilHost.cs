using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Vigil.Alerts;
using Vigil.Auth;
using Vigil.Core.Storage;
using Vigil.Dashboard;
using Vigil.Errors;
using Vigil.Experiments;
using Vigil.Goals;
using Vigil.Feedback;
using Vigil.Ingest;
using Vigil.Ingest.Otlp;
using Vigil.Ingest.PostHog;
using Vigil.Kpis;
using Vigil.Logs;
using Vigil.Metrics;
using Vigil.Monitors;
using Vigil.Operations;
using Vigil.Projects;
using Vigil.Reports;
using Vigil.Routes;
using Vigil.WebVitals;
using Vigil.Series;
using Vigil.Budgets;

namespace Vigil.Hosting;

/// <summary>The composition root of <c>vigil serve</c>; tests build the same host with their own clock.</summary>
internal static class VigilHost
{
    public static WebApplication Build(VigilOptions options, TimeProvider time, string[]? args = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(VigilOptions.Section, typeof(VigilOptions), problems);
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // Keys rest unencrypted in the data directory by design: it is as private as the database beside it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = BodyProblems.Describe);
        // A body the binding refuses reaches the exception handler, and BodyProblems, instead of a bare 400; it is the
        // client's error, not the server's, so it is not logged as one.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(handler =>
        {
            handler.StatusCodeSelector = exception => exception is BadHttpRequestException refused ? refused.StatusCode : StatusCodes.Status500InternalServerError;
            handler.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        // States, severities and statuses read as words in the API ("firing", "critical"), not as enum numbers.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        // Login cookies must survive a restart, so the keys that sign them live beside the database.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(options.Data), "keys")));
        builder.Services.AddVigilStorage(options);
        builder.Services.AddLeadership();
        builder.Services.AddProjects();
        builder.Services.AddVigilAuth();
        builder.Services.AddIngest();
        builder.Services.AddDashboardMetrics();
        builder.Services.AddMonitors();
        builder.Services.AddAlerts();
        builder.Services.AddErrors();
        builder.Services.AddWebVitals();
        builder.Services.AddRoutes();
        builder.Services.AddLogs();
        builder.Services.AddSeries();
        builder.Services.AddRemoteWrite();
        builder.Services.AddSelfMetrics();
        builder.Services.AddScrapeTargets();
        builder.Services.AddBundleBudgets();
        builder.Services.AddGoals();
        builder.Services.AddReports();
        builder.Services.AddFeedback();
        builder.Services.AddDashboardUi();
        builder.Services.AddKpis();
        builder.Services.AddExperiments();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapIngestEndpoints();
        app.MapPostHogEndpoints();
        app.MapOtlpEndpoints();
        app.MapSentryEndpoints();
        app.MapLogEndpoints();
        app.MapProjectEndpoints();
        app.MapMetricsEndpoints();
        app.MapAlertEndpoints();
        app.MapIssueEndpoints();
        app.MapWebVitalEndpoints();
        app.MapRouteEndpoints();
        app.MapMonitorEndpoints();
        app.MapSeriesEndpoints();
        app.MapRemoteWriteEndpoints();
        app.MapSelfMetricsEndpoints();
        app.MapScrapeTargetEndpoints();
        app.MapBudgetEndpoints();
        app.MapGoalEndpoints();
        app.MapReportEndpoints();
        app.MapStatusEndpoints();
        app.MapFeedbackEndpoints();
        app.MapDashboardUi();
        app.MapKpiEndpoints();
        app.MapExperimentEndpoints();
        return app;
    }

    /// <summary>Migrates both stores and, on a first start, creates the owner, the first project and its keys.</summary>
    public static async Task<FirstStart?> InitializeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var services = app.Services;
        await services.GetRequiredService<IMetadataStore>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<ITelemetryStore>().MigrateAsync(cancellationToken);
        return await services.GetRequiredService<Bootstrap>().RunAsync(cancellationToken);
    }
}
