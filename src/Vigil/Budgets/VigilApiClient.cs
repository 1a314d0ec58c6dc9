using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Vigil.Core.Budgets;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Metrics;

namespace Vigil.Budgets;

/// <summary>Vigil could not be asked: unreachable, or it refused; the message says which and why.</summary>
internal sealed class VigilApiException(string message) : Exception(message);

/// <summary>
/// What the command line asks a running Vigil: a project's budgets and to take the sizes as metrics
/// (<c>vigil budget check</c>), a report written now (<c>vigil report --url</c>).
/// </summary>
internal sealed class VigilApiClient(HttpClient http, long projectId, string adminToken)
{
    /// <summary>Why <paramref name="url"/> (the value of --url) cannot be Vigil's address, or null when it can.</summary>
    public static string? UrlProblem(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            ? null
            : $"--url '{url}': an absolute http or https address, e.g. https://vigil.example.com.";

    /// <summary>A client for Vigil at <paramref name="url"/>, which may sit under a path (https://example.com/vigil): API paths are relative to it.</summary>
    public static HttpClient CreateHttpClient(string url) =>
        new() { BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task<BundleBudgetSet> ReadBudgetsAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(Admin(HttpMethod.Get, $"api/projects/{projectId}/budgets"), cancellationToken);
        var (set, errors) = (JsonSerializer.Deserialize<BudgetsBody>(body, JsonSerializerOptions.Web) ?? throw Invalid("no budgets")).ToSet();
        return set ?? throw Invalid(string.Join("; ", errors.Select(error => $"{error.Key}: {error.Value[0]}")));
    }

    /// <summary>Posts the report's gauges to <c>/v1/metrics</c> with the project's first ingest key; answers how many series it sent.</summary>
    public async Task<int> SendMetricsAsync(BudgetReport report, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var project = JsonNode.Parse(await SendAsync(Admin(HttpMethod.Get, $"api/projects/{projectId}"), cancellationToken));
        if (project?["ingestKeys"]?.AsArray().FirstOrDefault() is not JsonValue key)
        {
            throw new VigilApiException($"Project {projectId} has no ingest key to send metrics with.");
        }
        var export = BudgetMetrics.ToExport(report, time);
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/metrics") { Content = new ByteArrayContent(export.ToByteArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        request.Headers.Add("x-vigil-key", key.GetValue<string>());
        var answer = ExportMetricsServiceResponse.Parser.ParseFrom(await SendAsync(request, cancellationToken));
        if (answer.PartialSuccess is { RejectedDataPoints: > 0 } refused)
        {
            throw new VigilApiException($"Vigil refused {refused.RejectedDataPoints} of the sizes: {refused.ErrorMessage}");
        }
        return export.ResourceMetrics.Sum(resource => resource.ScopeMetrics.Sum(scope => scope.Metrics.Sum(metric => metric.Gauge.DataPoints.Count)));
    }

    /// <summary>The plain text of a report Vigil writes now for the last day <paramref name="date"/> (yyyy-MM-dd), neither archived nor sent.</summary>
    public async Task<string> ReadReportPreviewAsync(string kind, string date, string? language, CancellationToken cancellationToken)
    {
        var query = $"kind={kind}&date={Uri.EscapeDataString(date)}" + (language is null ? "" : $"&language={Uri.EscapeDataString(language)}");
        var body = JsonNode.Parse(await SendAsync(Admin(HttpMethod.Get, $"api/projects/{projectId}/reports/preview?{query}"), cancellationToken));
        return (string?)body?["text"] ?? throw new VigilApiException($"Vigil answered project {projectId}'s report without its text.");
    }

    private HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        return request;
    }

    private async Task<byte[]> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new VigilApiException($"Cannot reach Vigil at {http.BaseAddress}: {exception.Message}");
            }
            using (response)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new VigilApiException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {Detail(response, body)}");
                }
                return body;
            }
        }
    }

    /// <summary>A problem's detail when Vigil sent one, else the status's reason.</summary>
    private static string? Detail(HttpResponseMessage response, byte[] body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return response.ReasonPhrase;
        }
        try
        {
            return (string?)JsonNode.Parse(body)?["detail"] ?? response.ReasonPhrase;
        }
        catch (JsonException)
        {
            return response.ReasonPhrase;
        }
    }

    private VigilApiException Invalid(string why) => new($"Project {projectId}'s budgets could not be read: {why}");
}
