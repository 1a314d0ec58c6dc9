using System.CommandLine;
using Npgsql;
using Spectre.Console;
using Vigil.Core.Ingest;
using Vigil.Core.Series;
using Vigil.Core.Storage;
using Vigil.Storage.ClickHouse;
using Vigil.Storage.Postgres;
using Vigil.Storage.Relational;
using Vigil.Storage.Sqlite;

namespace Vigil.Migration;

/// <summary>
/// <c>vigil migrate --from sqlite:./data/vigil.db --to POSTGRES CLICKHOUSE</c>: moves an embedded installation to the
/// scaled-out engines (accounts, projects and keys with their ids, every raw event, request and probe result, every
/// metric series with its minute rollups), then checks every count. Run it with Vigil stopped; the targets must be empty.
/// </summary>
internal static class MigrateCommand
{
    private const int PageSize = 20_000;

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The embedded install: sqlite:PATH/vigil.db", Required = true };
        var to = new Option<string[]>("--to")
        {
            Description = "PostgreSQL connection string, then ClickHouse connection string (as for serve --postgres and --clickhouse)",
            Required = true,
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("migrate", "Move an embedded (SQLite) install to PostgreSQL + ClickHouse and verify the counts.") { from, to };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(AnsiConsole.Console, parseResult.GetValue(from)!, parseResult.GetValue(to)!, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, string from, string[] to, CancellationToken cancellationToken)
    {
        if (!from.StartsWith("sqlite:", StringComparison.Ordinal) || !File.Exists(from["sqlite:".Length..]))
        {
            console.MarkupLineInterpolated($"[red]--from must be sqlite:PATH to an existing vigil.db; '{from}' is not.[/]");
            return 2;
        }
        ClickHouseSettings clickHouseSettings;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(to[0]);
            clickHouseSettings = ClickHouseSettings.Parse(to[1]);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            console.MarkupLineInterpolated($"[red]--to: {exception.Message}[/]");
            return 2;
        }

        var database = new SqliteDatabase(from["sqlite:".Length..]);
        var sourceMetadata = new SqliteMetadataStore(database, TimeProvider.System);
        await using var sourceTelemetry = new SqliteTelemetryStore(database);
        await sourceMetadata.MigrateAsync(cancellationToken);
        await sourceTelemetry.MigrateAsync(cancellationToken);

        await using var dataSource = NpgsqlDataSource.Create(to[0]);
        var targetMetadata = new PostgresMetadataStore(dataSource, TimeProvider.System);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        // Imports go straight to ClickHouse; the store's spool stays empty and is removed afterwards.
        var spool = Directory.CreateTempSubdirectory("vigil-migrate-spool-").FullName;
        try
        {
            using var targetTelemetry = new ClickHouseTelemetryStore(http, clickHouseSettings, spool, TimeProvider.System, TimeSpan.FromSeconds(1));
            await targetMetadata.MigrateAsync(cancellationToken);
            await targetTelemetry.MigrateAsync(cancellationToken);
            if (await targetMetadata.CountAsync(cancellationToken) is { Users: > 0 } or { Projects: > 0 })
            {
                console.MarkupLine("[red]The PostgreSQL database already has accounts or projects; migrate into an empty one.[/]");
                return 1;
            }
            if (await targetTelemetry.CountAsync(cancellationToken) is { Events: > 0 } or { Requests: > 0 } or { ProbeResults: > 0 } or { Errors: > 0 } or { WebVitals: > 0 } or { MonitorResults: > 0 } or { Logs: > 0 } or { MetricSeries: > 0 })
            {
                console.MarkupLine("[red]The ClickHouse database already holds events; migrate into an empty one.[/]");
                return 1;
            }

            var metadata = await sourceMetadata.CopyToAsync(targetMetadata, cancellationToken);
            var zones = (await sourceMetadata.ListProjectsAsync(cancellationToken)).ToDictionary(project => project.Id, project => project.TimeZone);
            var expected = await sourceTelemetry.CountAsync(cancellationToken);
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var events = progress.AddTask("Events", maxValue: Math.Max(1, expected.Events));
                    var requests = progress.AddTask("Requests", maxValue: Math.Max(1, expected.Requests));
                    var probes = progress.AddTask("Probe results", maxValue: Math.Max(1, expected.ProbeResults));
                    await foreach (var page in sourceTelemetry.ReadAllEventsAsync(PageSize, cancellationToken))
                    {
                        await targetTelemetry.ImportAsync(new IngestBatch(page, [], zones), cancellationToken);
                        events.Increment(page.Count);
                    }
                    events.Value = events.MaxValue;
                    await foreach (var page in sourceTelemetry.ReadAllRequestsAsync(PageSize, cancellationToken))
                    {
                        await targetTelemetry.ImportAsync(new IngestBatch([], page, zones), cancellationToken);
                        requests.Increment(page.Count);
                    }
                    requests.Value = requests.MaxValue;
                    var results = await sourceTelemetry.ReadAllProbeResultsAsync(cancellationToken);
                    foreach (var chunk in results.Chunk(PageSize))
                    {
                        await targetTelemetry.ImportProbeResultsAsync(chunk, cancellationToken);
                    }
                    probes.Value = probes.MaxValue;
                    var errors = progress.AddTask("Errors", maxValue: Math.Max(1, expected.Errors));
                    await foreach (var page in sourceTelemetry.ReadAllErrorsAsync(PageSize, cancellationToken))
                    {
                        await targetTelemetry.ImportAsync(new IngestBatch([], [], zones) { Errors = page }, cancellationToken);
                        errors.Increment(page.Count);
                    }
                    errors.Value = errors.MaxValue;
                    var vitals = progress.AddTask("Web Vitals", maxValue: Math.Max(1, expected.WebVitals));
                    await foreach (var page in sourceTelemetry.ReadAllWebVitalsAsync(PageSize, cancellationToken))
                    {
                        await targetTelemetry.ImportAsync(new IngestBatch([], [], zones) { WebVitals = page }, cancellationToken);
                        vitals.Increment(page.Count);
                    }
                    vitals.Value = vitals.MaxValue;
                    var checks = progress.AddTask("Monitor checks", maxValue: Math.Max(1, expected.MonitorResults));
                    await foreach (var page in sourceTelemetry.ReadAllMonitorResultsAsync(PageSize, cancellationToken))
                    {
                        await targetTelemetry.ImportMonitorResultsAsync(page, cancellationToken);
                        checks.Increment(page.Count);
                    }
                    checks.Value = checks.MaxValue;
                    var logs = progress.AddTask("Log lines", maxValue: Math.Max(1, expected.Logs));
                    await foreach (var page in sourceTelemetry.ReadAllLogsAsync(PageSize, cancellationToken))
                    {
                        await targetTelemetry.ImportAsync(new IngestBatch([], [], zones) { Logs = page }, cancellationToken);
                        logs.Increment(page.Count);
                    }
                    logs.Value = logs.MaxValue;
                    await CopySeriesAsync(progress, sourceTelemetry, targetTelemetry, zones, expected, cancellationToken);
                });

            return Verify(console, metadata, await targetMetadata.CountAsync(cancellationToken), expected, await targetTelemetry.CountAsync(cancellationToken));
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    /// <summary>
    /// Each series with its latest state (so counters and histograms continue from where they were), then its minute
    /// rollups as they are: they are the only record of the points, which Vigil does not keep.
    /// </summary>
    private static async Task CopySeriesAsync(
        ProgressContext progress, SqliteTelemetryStore source, ClickHouseTelemetryStore target, IReadOnlyDictionary<long, TimeZoneInfo> zones,
        TelemetryCounts expected, CancellationToken cancellationToken)
    {
        var seriesTask = progress.AddTask("Metric series", maxValue: Math.Max(1, expected.MetricSeries));
        var noRollups = new Dictionary<(long, long, DateTimeOffset), MinuteRollup>();
        foreach (var chunk in (await source.ReadMetricSeriesAsync(zones.Keys.ToList(), null, cancellationToken)).Chunk(PageSize))
        {
            var series = chunk.ToDictionary(stored => (stored.Series.ProjectId, stored.Series.Id), stored => (stored.Series, stored.State));
            await target.ImportAsync(new IngestBatch([], [], zones) { Series = new SeriesWrite(noRollups, series) }, cancellationToken);
            seriesTask.Increment(chunk.Length);
        }
        seriesTask.Value = seriesTask.MaxValue;
        var minutesTask = progress.AddTask("Metric series minutes", maxValue: Math.Max(1, expected.MetricMinutes));
        var noSeries = new Dictionary<(long, long), (NamedSeries, SeriesState?)>();
        await foreach (var page in source.ReadAllMetricMinutesAsync(PageSize, cancellationToken))
        {
            var rollups = page.ToDictionary(minute => (minute.ProjectId, minute.SeriesId, minute.Minute), minute => minute.Rollup);
            await target.ImportAsync(new IngestBatch([], [], zones) { Series = new SeriesWrite(rollups, noSeries) }, cancellationToken);
            minutesTask.Increment(page.Count);
        }
        minutesTask.Value = minutesTask.MaxValue;
    }

    private static int Verify(IAnsiConsole console, MetadataCounts copied, MetadataCounts target, TelemetryCounts source, TelemetryCounts migrated)
    {
        var table = new Table().AddColumns("What", "SQLite", "PostgreSQL / ClickHouse", "");
        var matches = true;
        foreach (var (what, expected, actual) in new[]
        {
            ("Accounts", copied.Users, target.Users),
            ("Projects", copied.Projects, target.Projects),
            ("API keys", copied.ApiKeys, target.ApiKeys),
            ("Alert rules, states, history, silences, outbox, issues, monitors, scrape targets, budgets", copied.ProjectRows, target.ProjectRows),
            ("Events", source.Events, migrated.Events),
            ("Requests", source.Requests, migrated.Requests),
            ("Probe results", source.ProbeResults, migrated.ProbeResults),
            ("Errors", source.Errors, migrated.Errors),
            ("Web Vitals", source.WebVitals, migrated.WebVitals),
            ("Monitor checks", source.MonitorResults, migrated.MonitorResults),
            ("Log lines", source.Logs, migrated.Logs),
            ("Metric series", source.MetricSeries, migrated.MetricSeries),
            ("Metric series minutes", source.MetricMinutes, migrated.MetricMinutes),
        })
        {
            matches &= expected == actual;
            table.AddRow(what, $"{expected:N0}", $"{actual:N0}", expected == actual ? "[green]✓[/]" : "[red]differs[/]");
        }
        console.Write(table);
        console.MarkupLine(matches
            ? "[green]Every count matches.[/] Start Vigil with --postgres and --clickhouse (the same strings) to serve from the new engines."
            : "[red]The counts differ; the embedded install is untouched, so fix the cause, empty the targets and run again.[/]");
        return matches ? 0 : 1;
    }
}
