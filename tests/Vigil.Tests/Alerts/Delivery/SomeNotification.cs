using Microsoft.Extensions.DependencyInjection;
using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;
using Vigil.Hosting;
using Vigil.Testing;

namespace Vigil.Tests.Alerts.Delivery;

/// <summary>Notification test data: valid by default, so a test states only what it is about.</summary>
internal static class SomeNotification
{
    /// <summary>The clock of every sender test; the alerts below started 12 and 6 minutes before it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 16, 0, TimeSpan.Zero);

    public static readonly Uri DashboardUrl = new("https://vigil.example.com/projects/7/alerts");

    public static AlertNotice SlowResponse(NoticeState state = NoticeState.Firing) => new(
        "Slow Response", Severity.Warning, state, "p95_response_time > 3s", "3,420 ms",
        Now.AddMinutes(-12), state == NoticeState.Resolved ? Now.AddMinutes(-1) : null);

    public static AlertNotice ServiceDown(NoticeState state = NoticeState.Firing) => new(
        "Service Down", Severity.Critical, state, "health != up", "503",
        Now.AddMinutes(-6), state == NoticeState.Resolved ? Now.AddMinutes(-2) : null);

    public static AlertNotice Info() => new("New Release", Severity.Info, NoticeState.Firing, "deploys > 0", "1", Now.AddMinutes(-3), null);

    public static NotificationMessage Message(params AlertNotice[] alerts) =>
        new(7, "Shop", DashboardUrl, alerts.Length > 0 ? alerts : [SlowResponse()]);

    /// <summary>The senders as the host registers them, with the test's options and clock.</summary>
    public static ServiceProvider Senders(NotificationOptions notifications)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new VigilOptions { Notifications = notifications });
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now));
        services.AddNotificationSenders();
        return services.BuildServiceProvider();
    }

    public static INotificationSender Sender(this ServiceProvider services, ChannelKind kind) =>
        services.GetServices<INotificationSender>().Single(sender => sender.Kind == kind);
}
