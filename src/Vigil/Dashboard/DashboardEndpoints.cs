using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Alerts;
using Vigil.Auth;
using Vigil.Dashboard.Panels;
using Vigil.Projects;

namespace Vigil.Dashboard;

/// <summary>
/// POST /logout                      end the session (a form with an antiforgery token)
/// GET  /language/{code}?returnUrl=  remember en or ko in the vigil_lang cookie and go back
/// GET  /projects/{id}/live?range=   the dashboard's live stream: server-sent events, one snapshot whenever something
///                                   changed (tiles, alerts panel, charts)
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>How often an open dashboard re-reads its numbers: the tiles and charts are never older than this.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", LogOutAsync);
        app.MapGet("/language/{code}", ChooseLanguage);
        app.MapGet("/projects/{id:long}/live", StreamAsync).RequireAuthorization();
        app.MapChartEndpoints();
    }

    private static async Task<Results<RedirectHttpResult, BadRequest>> LogOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        // The handler binds nothing from the form, so nothing checks the token unless it does.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect(VigilAuth.LoginPath);
    }

    private static RedirectHttpResult ChooseLanguage(string code, string? returnUrl, HttpContext context)
    {
        if (UiText.FromCode(code) is { } text)
        {
            context.Response.Cookies.Append(UiText.CookieName, text.Code, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            });
        }
        return TypedResults.LocalRedirect(LocalUrl(returnUrl));
    }

    private static async Task<Results<ServerSentEventsResult<string>, NotFound>> StreamAsync(
        long id,
        string? range,
        HttpContext context,
        ProjectDirectory projects,
        DashboardReader reader,
        AlertOverviewReader alerts,
        IHostApplicationLifetime lifetime,
        TimeProvider time)
    {
        var project = await projects.FindProjectAsync(id, context.RequestAborted);
        if (project is null)
        {
            return TypedResults.NotFound();
        }
        // A stream lasts as long as the page is open; it must also end when the server stops, or shutdown would wait for it.
        var stream = new LiveStream(id, DashboardRanges.Parse(range), UiText.For(context), projects, reader, alerts, context.RequestServices, time);
        return TypedResults.ServerSentEvents(stream.ReadAsync(context.RequestAborted, lifetime.ApplicationStopping));
    }

    /// <summary>Only a path on this site: a return URL pointing elsewhere would make login and the language switch open redirects.</summary>
    internal static string LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    /// <summary>
    /// One open dashboard. Every tick re-reads the numbers and sends only the parts that changed since the last
    /// message: the tiles as HTML rendered by the same component as the page, the charts as data.
    /// </summary>
    private sealed class LiveStream(
        long projectId, DashboardRange range, UiText text, ProjectDirectory projects, DashboardReader reader, AlertOverviewReader alerts, IServiceProvider services, TimeProvider time)
    {
        private string? _tiles;
        private string? _alerts;
        private string? _charts;
        private bool _hasData;

        public async IAsyncEnumerable<SseItem<string>> ReadAsync([EnumeratorCancellation] CancellationToken requestAborted, CancellationToken stopping)
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
            var cancellationToken = cancellation.Token;
            using var timer = new PeriodicTimer(RefreshInterval, time);
            await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
            do
            {
                var message = await ReadChangesAsync(renderer, cancellationToken);
                if (message is null)
                {
                    yield break;
                }
                yield return message.Value;
            }
            while (await TickAsync(timer, cancellationToken));
        }

        private async Task<SseItem<string>?> ReadChangesAsync(HtmlRenderer renderer, CancellationToken cancellationToken)
        {
            try
            {
                var project = await projects.FindProjectAsync(projectId, cancellationToken);
                if (project is null)
                {
                    return null;
                }
                var realtime = await reader.ReadRealtimeAsync(project, cancellationToken);
                var tiles = await renderer.Dispatcher.InvokeAsync(async () =>
                {
                    var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
                    {
                        [nameof(RealtimePanel.Metrics)] = realtime,
                        [nameof(RealtimePanel.Project)] = project,
                        [nameof(RealtimePanel.Text)] = text,
                    });
                    return (await renderer.RenderComponentAsync<RealtimePanel>(parameters)).ToHtmlString();
                });
                var overview = await alerts.ReadAsync(project, realtime, cancellationToken);
                var alertsHtml = await renderer.Dispatcher.InvokeAsync(async () =>
                {
                    var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
                    {
                        [nameof(AlertsPanel.Overview)] = overview,
                        [nameof(AlertsPanel.Project)] = project,
                        [nameof(AlertsPanel.Text)] = text,
                    });
                    return (await renderer.RenderComponentAsync<AlertsPanel>(parameters)).ToHtmlString();
                });
                var charts = await reader.ReadChartsAsync(project, range, text, cancellationToken);
                var chartsJson = JsonSerializer.Serialize(charts, Json);
                // Data, once there, stays for 30 days: the check stops after the first event.
                _hasData = _hasData || await reader.HasAnyDataAsync(project, cancellationToken);

                var update = new LiveUpdate(
                    TimeZoneInfo.ConvertTime(realtime.AsOf, project.TimeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                    _hasData,
                    tiles == _tiles ? null : tiles,
                    alertsHtml == _alerts ? null : alertsHtml,
                    chartsJson == _charts ? null : charts);
                _tiles = tiles;
                _alerts = alertsHtml;
                _charts = chartsJson;
                return new SseItem<string>(JsonSerializer.Serialize(update, Json), "update");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
        {
            try
            {
                return await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>One message of the live stream; a part that did not change since the last message is null.</summary>
    private sealed record LiveUpdate(string AsOf, bool HasData, string? Tiles, string? Alerts, DashboardCharts? Charts);
}
