using Vigil.Core.Revenue;
using Vigil.Core.Storage;

namespace Vigil.Core.Tests.Revenue;

public sealed class RevenueMathTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    [Fact]
    public void Days_SumsOfGroups_EveryDateWithZerosBetween()
    {
        EventValueSum[] sums = [new(Day, "pro", 300, 2), new(Day, "basic", 100, 1), new(Day.AddDays(2), "pro", 50, 1)];

        var days = RevenueMath.Days(sums, Day, Day.AddDays(4));

        Assert.Equal(
            [new RevenueDay(Day, 400, 3), new RevenueDay(Day.AddDays(1), 0, 0), new RevenueDay(Day.AddDays(2), 50, 1), new RevenueDay(Day.AddDays(3), 0, 0)],
            days);
    }

    [Fact]
    public void Breakdown_GroupsOverDays_LargestFirstWithShares()
    {
        EventValueSum[] sums = [new(Day, "basic", 100, 4), new(Day, "pro", 200, 1), new(Day.AddDays(1), "pro", 400, 2), new(Day, "(none)", 300, 3)];

        var groups = RevenueMath.Breakdown(sums);

        Assert.Equal([new RevenueGroup("pro", 600, 3, 60), new RevenueGroup("(none)", 300, 3, 30), new RevenueGroup("basic", 100, 4, 10)], groups);
    }

    [Theory]
    [InlineData(1_000_000, 400, 2500.0)]
    [InlineData(0, 10, 0.0)]
    [InlineData(100, 0, null)]
    public void AverageRevenuePerUser_RevenueAndUsers_Divides(double revenue, long users, double? expected) =>
        Assert.Equal(expected, RevenueMath.AverageRevenuePerUser(revenue, users));

    [Theory]
    [InlineData("amount", "KRW", null)]
    [InlineData("", "KRW", "property")]
    [InlineData("a\"b", "KRW", "property")]
    [InlineData("amount", "krw", "currency")]
    [InlineData("amount", "WON!", "currency")]
    public void Check_Settings_NamesTheFieldAtFault(string property, string currency, string? field) =>
        Assert.Equal(field, RevenueSettings.Check(property, currency)?.Field);

    [Fact]
    public void Symbol_Won_IsWonSignWithoutDecimals() =>
        Assert.Equal(("₩", 0, "$", 2), (RevenueSettings.Default.Symbol, RevenueSettings.Default.Decimals, new RevenueSettings("amount", "USD").Symbol, new RevenueSettings("amount", "USD").Decimals));
}
