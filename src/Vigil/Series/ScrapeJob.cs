using System.Diagnostics;
using System.Net.Http.Headers;
using Vigil.Core.Ingest.Prometheus;
using Vigil.Core.Series;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Ingest;
using Vigil.Projects;

namespace Vigil.Series;

/// <summary>
/// Reads every project's scrape targets when their interval is due (checked every second), a few at a time, each
/// within its interval (at most 10 s), and stores what they expose (<see cref="PrometheusSeries.FromScrape"/>) with
/// the labels <c>job="scrape"</c> and <c>instance</c> = host:port, plus Prometheus's <c>up</c> (1 when the target
/// answered 2xx with text that parsed, else 0) and <c>scrape_duration_seconds</c>. Only the leader scrapes.
/// </summary>
internal sealed partial class ScrapeJob(
    IScrapeTargetStore targets,
    ProjectDirectory projects,
    IngestWriter writer,
    Leadership leadership,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<ScrapeJob> logger) : BackgroundService
{
    public const string HttpClientName = "scrape";

    private const int MaxConcurrentScrapes = 8;
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly Dictionary<long, DateTimeOffset> _lastStartedAt = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leadership.IsLeader)
            {
                continue;
            }
            try
            {
                await ScrapeDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(exception);
            }
        }
    }

    private async Task ScrapeDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = (await targets.ListScrapeTargetsAsync(null, cancellationToken))
            .Where(target => !_lastStartedAt.TryGetValue(target.Id, out var last) || now - last >= target.Interval)
            .ToList();
        foreach (var target in due)
        {
            _lastStartedAt[target.Id] = now;
        }
        using var slots = new SemaphoreSlim(MaxConcurrentScrapes);
        await Task.WhenAll(due.Select(async target =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                await ScrapeAsync(target, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    private async Task ScrapeAsync(ScrapeTarget target, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(target.ProjectId, cancellationToken) is not { } project)
        {
            return;
        }
        var scrapedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var uri = new Uri(target.Url);
        IReadOnlyList<KeyValuePair<string, string>> targetLabels = [KeyValuePair.Create("instance", $"{uri.Host}:{uri.Port}"), KeyValuePair.Create("job", "scrape")];
        var points = new List<MetricPoint>();
        var up = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.Interval < MaxTimeout ? target.Interval : MaxTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("text/plain;version=0.0.4");
            if (target.BearerToken is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                var (families, problems) = PrometheusText.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
                points.AddRange(PrometheusSeries.FromScrape(families, project.Id, targetLabels, scrapedAt).Points);
                up = problems.Count == 0 ? 1 : 0;
                if (problems.Count > 0)
                {
                    LogUnreadableLines(target.Url, problems.Count, problems[0].Line, problems[0].Error);
                }
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogScrapeFailed(target.Url, exception.Message);
        }
        points.Add(new MetricPoint(new NamedSeries(project.Id, "up", targetLabels, SeriesKind.Gauge, ""), scrapedAt, up));
        points.Add(new MetricPoint(new NamedSeries(project.Id, "scrape_duration_seconds", targetLabels, SeriesKind.Gauge, "s"), scrapedAt, stopwatch.Elapsed.TotalSeconds));
        await writer.WritePointsAsync(project, points, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A scrape round failed")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scraping {Url} failed: {Error}")]
    private partial void LogScrapeFailed(string url, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Url} exposed {Count} unreadable lines; the first, line {Line}: {Error}")]
    private partial void LogUnreadableLines(string url, int count, int line, string error);
}
