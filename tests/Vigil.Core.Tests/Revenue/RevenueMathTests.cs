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
    public void Breakdown_GroupsOverDays_LargestFirstWithSharesArpuAndTheDaysBefore()
    {
        EventValueSum[] sums = [new(Day, "basic", 100, 4), new(Day, "pro", 200, 1), new(Day.AddDays(1), "pro", 400, 2), new(Day, "(none)", 300, 3)];
        EventValueSum[] before = [new(Day.AddDays(-7), "pro", 300, 2), new(Day.AddDays(-6), "team", 50, 1)];
        var users = new Dictionary<string, long> { ["pro"] = 3, ["basic"] = 4, ["(none)"] = 10, ["free"] = 40 };
        var usersBefore = new Dictionary<string, long> { ["pro"] = 2, ["team"] = 1 };

        var groups = RevenueMath.Breakdown(sums, before, users, usersBefore);

        // free has users but no orders in either range: a revenue breakdown leaves it out.
        Assert.Equal(
            [
                new RevenueGroup("pro", new(600, 300, 100), new(3, 2, 50), new(3, 2, 50), new(200, 150, 33.3), 60),
                new RevenueGroup("(none)", new(300, 0, null), new(3, 0, null), new(10, 0, null), new(30, null, null), 30),
                new RevenueGroup("basic", new(100, 0, null), new(4, 0, null), new(4, 0, null), new(25, null, null), 10),
                new RevenueGroup("team", new(0, 50, -100), new(0, 1, -100), new(0, 1, -100), new(null, 50, null), 0),
            ],
            groups);
    }

    [Fact]
    public void UsersPerValue_SomeUsersWithoutValue_CountedUnderNone()
    {
        var valuePerUser = new Dictionary<string, string> { ["u1"] = "pro", ["u2"] = "basic", ["u3"] = "pro" };

        var users = RevenueMath.UsersPerValue(valuePerUser, 5);

        Assert.Equal(new Dictionary<string, long> { ["pro"] = 2, ["basic"] = 1, ["(none)"] = 2 }, users);
    }

    [Fact]
    public void UsersPerValue_EveryUserWithAValue_NoNoneGroup() =>
        Assert.Equal(new Dictionary<string, long> { ["pro"] = 1 }, RevenueMath.UsersPerValue(new Dictionary<string, string> { ["u1"] = "pro" }, 1));

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
