namespace Vigil.Alerts.Delivery;

internal static class NotificationSenders
{
    /// <summary>Providers get this long to answer; the outbox retries a send that timed out.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers one <see cref="INotificationSender"/> per channel kind. Needs <c>VigilOptions</c> and
    /// <see cref="TimeProvider"/> in the container.
    /// </summary>
    public static IServiceCollection AddNotificationSenders(this IServiceCollection services)
    {
        foreach (var name in new[] { SlackSender.HttpClientName, WebhookSender.HttpClientName, SolapiClient.HttpClientName, TwilioClient.HttpClientName })
        {
            services.AddHttpClient(name, client => client.Timeout = Timeout)
                // A redirected POST comes back as a GET without its body; a moved endpoint is reported instead.
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        }
        services.AddSingleton<SolapiClient>();
        services.AddSingleton<TwilioClient>();
        services.AddSingleton<INotificationSender, SlackSender>();
        services.AddSingleton<INotificationSender, EmailSender>();
        services.AddSingleton<INotificationSender, SmsSender>();
        services.AddSingleton<INotificationSender, AlimtalkSender>();
        services.AddSingleton<INotificationSender, WebhookSender>();
        return services;
    }
}
