using Vigil.Core.Alerts;

namespace Vigil.Alerts.Delivery;

/// <summary>Sends one provider request and turns every way it can fail into a <see cref="DeliveryFailedException"/>.</summary>
internal static class HttpDelivery
{
    /// <summary>Provider error bodies are short; a proxy's HTML error page is not, and a dead letter needs only the start.</summary>
    private const int ErrorBodyLength = 500;

    /// <summary>Answers the body of a 2xx answer; throws for anything else.</summary>
    public static async Task<string> SendAsync(HttpClient client, HttpRequestMessage request, string provider, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }
            var status = (int)response.StatusCode;
            var detail = body.Length > ErrorBodyLength ? body[..ErrorBodyLength] + "…" : body;
            // Redirects are not followed (a POST would come back as a GET without its body), so a moved URL is for
            // the operator to fix, like a 404.
            var moved = response.Headers.Location is { } location ? $" (moved to {location})" : "";
            throw new DeliveryFailedException($"{provider} answered {status} {response.ReasonPhrase}{moved}: {detail}", IsPermanent(status));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new DeliveryFailedException($"{provider} could not be reached: {exception.Message}", permanent: false, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryFailedException($"{provider} did not answer within {client.Timeout.TotalSeconds:0} s", permanent: false, exception);
        }
    }

    /// <summary>A 4xx is the request's fault and will not get better by retrying, except a timeout (408) and rate limiting (429).</summary>
    public static bool IsPermanent(int status) => status is >= 300 and < 500 and not 408 and not 429;

    /// <summary>A provider's base URL with or without a path, so a proxy under a path works as well as the API's own host.</summary>
    public static Uri Endpoint(Uri baseUrl, string path) => new($"{baseUrl.ToString().TrimEnd('/')}/{path}");

    /// <summary>The URL of a Slack or webhook destination; anything but one absolute http(s) URL is a permanent failure.</summary>
    public static Uri SingleUrl(Destination destination)
    {
        if (destination.Addresses is [var address]
            && Uri.TryCreate(address, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            return url;
        }
        throw new DeliveryFailedException(
            $"The {destination.Kind} destination '{destination.Name}' needs exactly one http(s) URL, not '{string.Join(", ", destination.Addresses)}'.",
            permanent: true);
    }
}
