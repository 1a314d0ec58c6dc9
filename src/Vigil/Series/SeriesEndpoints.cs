using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Alerts;
using Vigil.Core.Series;
using Vigil.Dashboard;
using Vigil.Hosting;
using Vigil.Metrics;
using Vigil.Projects;

namespace Vigil.Series;

/// <summary>
/// GET /api/projects/{id}/metrics                                              the project's metric names: kind, unit, label names, series count
/// GET /api/projects/{id}/metrics/query?name=&amp;match=&amp;agg=&amp;by=&amp;from=&amp;to=&amp;step=   one chart: a line per group of series;
///                                                                             format=csv (or Accept: text/csv) downloads it
/// </summary>
internal static class SeriesEndpoints
{
    public static IServiceCollection AddSeries(this IServiceCollection services) => services.AddSingleton<SeriesReader>();

    public static void MapSeriesEndpoints(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/api/projects/{id:long}/metrics").RequireAuthorization(VigilAuth.ApiPolicy);
        metrics.MapGet("", GetCatalogAsync);
        metrics.MapGet("/query", GetChartAsync);
    }

    public sealed record CatalogAnswer(IReadOnlyList<SeriesCatalogEntry> Metrics);

    public sealed record ChartAnswer(string Name, string Kind, string Unit, string Agg, string Step, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<LineAnswer> Series);

    public sealed record LineAnswer(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<SeriesValue> Points);

    private static async Task<Results<Ok<CatalogAnswer>, ProblemHttpResult>> GetCatalogAsync(long id, ProjectDirectory projects, SeriesReader reader, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        return project is null ? ApiProblems.ProjectNotFound(id) : TypedResults.Ok(new CatalogAnswer(await reader.ListAsync(id, cancellationToken)));
    }

    private static async Task<Results<Ok<ChartAnswer>, FileContentHttpResult, ProblemHttpResult>> GetChartAsync(
        long id, string? name, string? match, string? agg, string? by, string? from, string? to, string? step, string? format,
        HttpContext context, ProjectDirectory projects, SeriesReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        if (project is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var parsed = ParseQuery(name, match, agg, by, from, to, step, time);
        if (parsed.Problem is not null)
        {
            return parsed.Problem;
        }
        if (ChartCsv.CheckFormat(format) is { } formatProblem)
        {
            return formatProblem;
        }
        var (chart, problem) = await reader.QueryAsync(id, parsed.Query!, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Problem(problem.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest,
                problem.NotFound ? "Metric not found" : "Invalid request", problem.Field, problem.Detail);
        }
        if (ChartCsv.IsRequested(format, context.Request))
        {
            return ChartCsv.File(Table(chart!, UiText.For(context)), $"{chart!.Name}-{SeriesQueries.NameOf(chart.Aggregation)}");
        }
        return TypedResults.Ok(new ChartAnswer(
            chart!.Name, chart.Kind.ToString().ToLowerInvariant(), chart.Unit, SeriesQueries.NameOf(chart.Aggregation), DurationText.Format(chart.Step), chart.From, chart.To,
            chart.Lines.Select(line => new LineAnswer(line.Labels.ToDictionary(label => label.Key, label => label.Value), line.Points)).ToList()));
    }

    /// <summary>A row per step that any line has, a column per line, named as the metrics page names its lines.</summary>
    private static ChartTable Table(SeriesChart chart, UiText text)
    {
        var starts = chart.Lines.SelectMany(line => line.Points.Select(point => point.Start)).Distinct().Order().ToList();
        var values = chart.Lines.Select(line => line.Points.ToDictionary(point => point.Start, point => point.Value)).ToList();
        return new ChartTable(
            [text.GoalsPage.Time, .. chart.Lines.Select(line => LineName(chart.Name, line))],
            starts.Select(start => (IReadOnlyList<object?>)[start, .. values.Select(line => (object?)line.GetValueOrDefault(start))]).ToList());
    }

    /// <summary>A line's legend: its labels as k=v, or the metric's name for a line of every series.</summary>
    internal static string LineName(string metric, SeriesGroup line) =>
        line.Labels.Count == 0 ? metric : string.Join(", ", line.Labels.Select(label => $"{label.Key}={label.Value}"));

    internal sealed record ParsedQuery(SeriesQuery? Query, ProblemHttpResult? Problem);

    /// <summary>The query parameters as a <see cref="SeriesQuery"/> (step default 1m, range default the last hour), or the problem with the first bad one.</summary>
    internal static ParsedQuery ParseQuery(string? name, string? match, string? agg, string? by, string? from, string? to, string? step, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new ParsedQuery(null, ApiProblems.BadRequest("name", "name is required: the metric to chart."));
        }
        if (!LabelMatcher.TryParseList(match, out var matchers, out var matchProblem))
        {
            return new ParsedQuery(null, ApiProblems.BadRequest("match", $"match is label matchers such as {{method=\"GET\",status=~\"5..\"}}: {matchProblem}."));
        }
        SeriesAggregation? aggregation = null;
        if (agg is not null && (aggregation = SeriesQueries.Parse(agg)) is null)
        {
            return new ParsedQuery(null, ApiProblems.BadRequest("agg", $"agg must be one of {string.Join(", ", Enum.GetValues<SeriesAggregation>().Select(SeriesQueries.NameOf))}."));
        }
        if (!DurationText.TryParse(step ?? "1m", out var stepSpan) || stepSpan < TimeSpan.FromMinutes(1) || stepSpan.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            return new ParsedQuery(null, ApiProblems.BadRequest("step", "step must be a whole number of minutes, at least 1m: 1m, 5m, 1h, 1d."));
        }
        var range = MetricsEndpoints.ParseRange(from, to, time, TimeSpan.FromHours(1));
        if (range.Problem is not null)
        {
            return new ParsedQuery(null, range.Problem);
        }
        var groupBy = (by ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ParsedQuery(new SeriesQuery(name, matchers, aggregation, groupBy, range.From, range.To, stepSpan), null);
    }
}
