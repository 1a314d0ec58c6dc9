using System.Text.Json;
using Vigil.Core.Ingest;

namespace Vigil.Core.WebVitals;

/// <summary>
/// Parses and validates <c>POST /v1/vitals</c>: <c>{"vitals": [{"name": "LCP", "value": 2412.5, "page": "/pricing",
/// "distinct_id": "…", "timestamp": "…"}]}</c>, one item per metric and page load.
/// </summary>
public static class WebVitalIngestParser
{
    /// <summary>Ten minutes: a longer LCP, INP, FCP or TTFB is a measuring mistake, not a slow page.</summary>
    public const double MaxMilliseconds = 600_000;

    public const double MaxCls = 100;

    public static ParsedBatch<WebVitalSample> Parse(ReadOnlyMemory<byte> body, long projectId, DateTimeOffset now) =>
        IngestParser.ParseItems(body, "vitals", item => ParseVital(item, projectId, now));

    private static WebVitalSample ParseVital(JsonElement item, long projectId, DateTimeOffset now)
    {
        var name = IngestParser.RequiredString(item, "name", 8);
        if (!Enum.TryParse<WebVitalMetric>(name, ignoreCase: true, out var metric) || !Enum.IsDefined(metric) || int.TryParse(name, out _))
        {
            throw new ItemException("name", $"name must be one of LCP, INP, CLS, FCP, TTFB, not '{name}'.");
        }
        if (!item.TryGetProperty("value", out var valueElement) || valueElement.ValueKind != JsonValueKind.Number)
        {
            throw new ItemException("value", "value is required and must be a number (milliseconds; CLS has no unit).");
        }
        var value = valueElement.GetDouble();
        var max = metric == WebVitalMetric.Cls ? MaxCls : MaxMilliseconds;
        if (value < 0 || value > max)
        {
            throw new ItemException("value", $"{WebVitalThresholds.NameOf(metric)} must be between 0 and {max:0}, not {value}.");
        }
        var page = IngestParser.RequiredString(item, "page", 2048);
        var distinctId = item.TryGetProperty("distinct_id", out var user) && user.ValueKind == JsonValueKind.String
            ? EventRules.Text(user.GetString()!, "distinct_id", IngestLimits.MaxDistinctIdLength)
            : null;
        return new WebVitalSample(projectId, IngestParser.OptionalTimestamp(item, now), metric, WebVitalPages.Normalize(page), value, distinctId);
    }
}
