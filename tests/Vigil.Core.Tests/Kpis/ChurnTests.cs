using Vigil.Core.Kpis;
using Vigil.Core.Storage;

namespace Vigil.Core.Tests.Kpis;

public sealed class ChurnTests
{
    private static UserActiveDays User(string id, params DateOnly[] days) => new(id, days);

    [Fact]
    public void Months_ActiveBeforeAndNotNow_OverActiveBefore()
    {
        UserActiveDays[] users =
        [
            User("a", new(2026, 9, 3), new(2026, 10, 30), new(2026, 11, 2)),
            User("b", new(2026, 9, 30), new(2026, 10, 1)),
            User("c", new(2026, 9, 1), new(2026, 10, 15)),
            User("d", new DateOnly(2026, 9, 10)),
            User("e", new DateOnly(2026, 9, 11)),
        ];

        var months = Churn.Months(users, today: new DateOnly(2026, 11, 15), months: 3);

        Assert.Equal([new DateOnly(2026, 9, 1), new(2026, 10, 1), new(2026, 11, 1)], months.Select(month => month.Month));
        Assert.Equal((0L, null), (months[0].ActiveBefore, months[0].RatePercent));
        Assert.Equal((5L, 2L, 40.0, true), (months[1].ActiveBefore, months[1].Churned, months[1].RatePercent, months[1].Complete));
        Assert.Equal((3L, 2L, 66.67, false), (months[2].ActiveBefore, months[2].Churned, months[2].RatePercent, months[2].Complete));
        Assert.Equal(new Compared(40.0, null), Churn.Headline(months));
    }

    [Fact]
    public void FirstDayRead_MonthBeforeTheFirstMonth()
    {
        Assert.Equal(new DateOnly(2026, 5, 1), Churn.FirstDayRead(new DateOnly(2026, 11, 15), 6));
    }
}
