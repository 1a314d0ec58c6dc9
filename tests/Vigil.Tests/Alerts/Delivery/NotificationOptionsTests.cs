using Vigil.Alerts.Delivery;
using Vigil.Hosting;

namespace Vigil.Tests.Alerts.Delivery;

public sealed class NotificationOptionsTests
{
    [Fact]
    public void Validate_NothingConfigured_HasNoProblems()
    {
        Assert.Empty(new VigilOptions().Validate());
    }

    [Fact]
    public void Validate_HalfConfiguredProviders_NamesEachMissingSetting()
    {
        var options = new VigilOptions
        {
            Notifications = new NotificationOptions
            {
                Smtp = new SmtpOptions { Host = "mail.example.com", Port = 0, TrustedCertificate = "/nonexistent/ca.pem" },
                Solapi = new SolapiOptions { ApiKey = "key" },
                Twilio = new TwilioOptions { AccountSid = "AC1" },
            },
        };

        var problems = options.Validate().ToList();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, problem => problem.Contains("Smtp:Port"));
        Assert.Contains(problems, problem => problem.Contains("/nonexistent/ca.pem"));
        Assert.Contains(problems, problem => problem.Contains("Solapi:ApiSecret"));
        Assert.Contains(problems, problem => problem.Contains("Twilio:AuthToken"));
    }
}
