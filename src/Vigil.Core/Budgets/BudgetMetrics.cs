using Vigil.Core.Ingest.Otlp.Proto.Collector.Metrics;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Metrics;
using Vigil.Core.Ingest.Otlp.Proto.Resource;

namespace Vigil.Core.Budgets;

/// <summary>
/// A budget check as OTLP gauges for <c>/v1/metrics</c>, so a chart and an alert rule can follow bundle sizes. Sizes
/// are labelled by budget pattern rather than by file: built names carry content hashes, and a label per name would
/// add new series at every build.
/// </summary>
public static class BudgetMetrics
{
    /// <summary>The label <c>job</c> of every series a check sends (OTLP's <c>service.name</c>).</summary>
    public const string Job = "bundle";

    public static ExportMetricsServiceRequest ToExport(BudgetReport report, DateTimeOffset time)
    {
        var nanos = (ulong)time.ToUnixTimeMilliseconds() * 1_000_000;
        var compression = BundleBudgetSet.NameOf(report.Compression);
        var scope = new ScopeMetrics { Scope = new InstrumentationScope { Name = "vigil budget check" } };

        Metric Gauge(string name, string unit, string description) =>
            new() { Name = name, Unit = unit, Description = description, Gauge = new Gauge() };

        void Add(Metric metric, double value, params (string Key, string Value)[] labels)
        {
            var point = new NumberDataPoint { AsDouble = value, TimeUnixNano = nanos };
            point.Attributes.AddRange(labels.Select(label => new KeyValue { Key = label.Key, Value = new AnyValue { StringValue = label.Value } }));
            metric.Gauge.DataPoints.Add(point);
        }

        var size = Gauge("bundle_size_bytes", "By", "The largest file a budget applies to");
        var budget = Gauge("bundle_budget_bytes", "By", "A budget's limit");
        foreach (var largest in report.LargestPerBudget())
        {
            Add(size, largest.Bytes, ("budget", largest.Budget!.Pattern), ("compression", compression));
            Add(budget, largest.Budget.MaxBytes, ("budget", largest.Budget.Pattern), ("compression", compression));
        }
        var total = Gauge("bundle_total_bytes", "By", "Every counted file added up");
        Add(total, report.TotalBytes, ("compression", compression));
        var over = Gauge("bundle_over_budget", "", "Files over their budgets, plus one when the total is over");
        Add(over, report.OverCount);
        scope.Metrics.AddRange(new[] { size, budget, total, over }.Where(metric => metric.Gauge.DataPoints.Count > 0));
        if (report.TotalMaxBytes is { } totalMax)
        {
            var totalBudget = Gauge("bundle_total_budget_bytes", "By", "The total's budget");
            Add(totalBudget, totalMax, ("compression", compression));
            scope.Metrics.Add(totalBudget);
        }

        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = Job } });
        var export = new ExportMetricsServiceRequest();
        export.ResourceMetrics.Add(new ResourceMetrics { Resource = resource, ScopeMetrics = { scope } });
        return export;
    }
}
