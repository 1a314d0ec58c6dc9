using Vigil.Core.Kpis;

namespace Vigil.Core.Tests.Kpis;

public sealed class ConversionTests
{
    private static readonly DayRange Period = new(new DateOnly(2026, 11, 8), new DateOnly(2026, 11, 14));

    [Fact]
    public void Figures_TenSignupsFourPaidInThePeriod_FortyPercent()
    {
        var users = Enumerable.Range(0, 10)
            .Select(index => new Conversion.UserConversion($"u{index}", new DateOnly(2026, 11, 8 + index % 7), index < 4 ? new DateOnly(2026, 11, 14) : null, null))
            // Paid after the period, and a signup of the week before who paid in it.
            .Append(new Conversion.UserConversion("late", new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 15), null))
            .Append(new Conversion.UserConversion("earlier", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), null))
            .ToList();

        var figures = Conversion.Figures(Period, users);

        Assert.Equal((11.0, 1.0), (figures.Signups.Current, figures.Signups.Previous));
        Assert.Equal((4.0, 0.0), (figures.Converted.Current, figures.Converted.Previous));
        Assert.Equal((36.36, 0.0), (figures.RatePercent.Current, figures.RatePercent.Previous));
    }

    [Fact]
    public void EventsPerUser_EventsOverActiveUsers()
    {
        Conversion.UserEvents[] users =
        [
            new("a", 6, 1, [new(2026, 11, 9), new(2026, 11, 3)], null),
            new("b", 0, 0, [new(2026, 11, 10)], null),
            new("c", 3, 0, [new(2026, 11, 12)], null),
            new("d", 0, 1, [new(2026, 11, 5)], null),
        ];

        var figures = Conversion.EventsPerUser(Period, users);

        Assert.Equal((9.0, 2.0), (figures.Events.Current, figures.Events.Previous));
        Assert.Equal((3.0, 2.0), (figures.ActiveUsers.Current, figures.ActiveUsers.Previous));
        Assert.Equal((3.0, 1.0), (figures.EventsPerUser.Current, figures.EventsPerUser.Previous));
    }
}
