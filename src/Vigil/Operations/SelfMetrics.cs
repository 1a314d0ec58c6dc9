using System.Diagnostics;
using System.Diagnostics.Metrics;
using Vigil.Alerts;
using Vigil.Core.Ingest.Prometheus;
using Vigil.Storage.ClickHouse;

namespace Vigil.Operations;

/// <summary>
/// This node's own numbers, recorded through System.Diagnostics.Metrics (a meter per host, so test hosts in one
/// process keep theirs apart) and gathered by a listener into totals that <c>GET /metrics</c> writes in the
/// Prometheus text format, with the process's memory, CPU and GC counts read at that moment.
/// </summary>
internal sealed class SelfMetrics : IDisposable
{
    /// <summary>Bounds of the commit-duration histogram, in seconds: a commit is a few milliseconds, a slow disk tens.</summary>
    private static readonly double[] CommitBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Meter _meter = new("Vigil");
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _commits = new(StringComparer.Ordinal);
    private readonly long[] _commitBuckets = new long[CommitBounds.Length];
    private long _commitCount;
    private double _commitSeconds;

    public SelfMetrics()
    {
        IngestedItems = _meter.CreateCounter<long>("vigil.ingest.items", description: "Items committed by ingest, by kind");
        Commits = _meter.CreateCounter<long>("vigil.ingest.commits", description: "Group commits, by outcome");
        CommitDuration = _meter.CreateHistogram<double>("vigil.ingest.commit.duration", unit: "s", description: "Time to commit one group durably");
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnCount);
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.Start();
    }

    public Counter<long> IngestedItems { get; }
    public Counter<long> Commits { get; }
    public Histogram<double> CommitDuration { get; }

    public string Write(AlertEvaluator alerts, ClickHouseTelemetryStore? clickHouse)
    {
        var text = new PrometheusTextWriter();
        lock (_lock)
        {
            text.Family("vigil_ingest_items_total", "counter", "Items committed by ingest, by kind (events, requests, errors, points).");
            foreach (var (kind, count) in _items.OrderBy(item => item.Key, StringComparer.Ordinal))
            {
                text.Sample("vigil_ingest_items_total", count, ("kind", kind));
            }
            text.Family("vigil_ingest_commits_total", "counter", "Ingest group commits, by outcome (committed, failed).");
            foreach (var (outcome, count) in _commits.OrderBy(item => item.Key, StringComparer.Ordinal))
            {
                text.Sample("vigil_ingest_commits_total", count, ("outcome", outcome));
            }
            var cumulative = new long[CommitBounds.Length];
            for (long index = 0, running = 0; index < CommitBounds.Length; index++)
            {
                cumulative[index] = running += _commitBuckets[index];
            }
            text.Histogram("vigil_ingest_commit_duration_seconds", "Time to commit one ingest group durably (answering waits for it).", CommitBounds, cumulative, _commitCount, _commitSeconds);
        }
        if (clickHouse is not null)
        {
            text.Family("vigil_spool_pending_bytes", "gauge", "Acknowledged data in this node's spool not yet in ClickHouse.")
                .Sample("vigil_spool_pending_bytes", clickHouse.SpoolStatus.PendingBytes);
        }
        if (alerts.LastCycle is { } cycle)
        {
            text.Family("vigil_alert_cycle_duration_seconds", "gauge", "Duration of the last alert evaluation cycle.")
                .Sample("vigil_alert_cycle_duration_seconds", cycle.Duration.TotalSeconds)
                .Family("vigil_alert_cycle_rules", "gauge", "Rules evaluated by the last alert evaluation cycle.")
                .Sample("vigil_alert_cycle_rules", cycle.Rules);
        }
        using var process = Process.GetCurrentProcess();
        text.Family("process_resident_memory_bytes", "gauge", "Resident memory of the process.").Sample("process_resident_memory_bytes", process.WorkingSet64)
            .Family("process_cpu_seconds_total", "counter", "CPU time the process used, user and system.").Sample("process_cpu_seconds_total", process.TotalProcessorTime.TotalSeconds)
            .Family("process_start_time_seconds", "gauge", "When the process started, in Unix seconds.")
            .Sample("process_start_time_seconds", new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0)
            .Family("dotnet_gc_heap_bytes", "gauge", "Bytes in the managed heap.").Sample("dotnet_gc_heap_bytes", GC.GetTotalMemory(forceFullCollection: false))
            .Family("dotnet_gc_collections_total", "counter", "Garbage collections, by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Sample("dotnet_gc_collections_total", GC.CollectionCount(generation), ("generation", generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return text.ToString();
    }

    private void OnCount(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var table = ReferenceEquals(instrument, IngestedItems) ? _items : _commits;
        var key = tags.Length > 0 ? tags[0].Value?.ToString() ?? "" : "";
        lock (_lock)
        {
            table[key] = table.GetValueOrDefault(key) + value;
        }
    }

    private void OnDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        lock (_lock)
        {
            var bucket = Array.FindIndex(CommitBounds, bound => seconds <= bound);
            if (bucket >= 0)
            {
                _commitBuckets[bucket]++;
            }
            _commitCount++;
            _commitSeconds += seconds;
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }
}

/// <summary>
/// GET /metrics   this node's own metrics in the Prometheus text format, for a Prometheus (or Vigil's scrape) to read.
///                Without authentication, as Prometheus exporters are: it holds process numbers, no project data.
/// </summary>
internal static class SelfMetricsEndpoints
{
    public static IServiceCollection AddSelfMetrics(this IServiceCollection services) => services.AddSingleton<SelfMetrics>();

    public static void MapSelfMetricsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", (SelfMetrics metrics, AlertEvaluator alerts, IServiceProvider services) =>
            TypedResults.Text(metrics.Write(alerts, services.GetService<ClickHouseTelemetryStore>()), PrometheusTextWriter.ContentType));
}
