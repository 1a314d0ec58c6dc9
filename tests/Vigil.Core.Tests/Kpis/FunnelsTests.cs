using Vigil.Core.Kpis;
using Vigil.Core.Storage;

namespace Vigil.Core.Tests.Kpis;

public sealed class FunnelsTests
{
    private static readonly string[] Steps = ["signup", "app_created", "order"];
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(7);
    private static readonly DateTimeOffset T0 = From.AddHours(10);

    private static StepEvent Event(string user, string name, double hoursAfterT0, string? value = null) => new(user, name, T0.AddHours(hoursAfterT0), value);

    private static readonly StepEvent[] Events =
    [
        Event("u1", "signup", 0, "web"), Event("u1", "app_created", 1), Event("u1", "order", 2),
        // Order before the app: only the app counts, later.
        Event("u2", "signup", 0, "ios"), Event("u2", "order", 1), Event("u2", "app_created", 3),
        // The app comes after the one-day window.
        Event("u3", "signup", 0, "web"), Event("u3", "app_created", 25),
        // A second signup two days later goes all the way: it counts, with its value.
        Event("u4", "signup", 0, "web"), Event("u4", "signup", 48, "ios"), Event("u4", "app_created", 49), Event("u4", "order", 50),
        Event("u5", "app_created", 0),
        Event("u6", "signup", -11), Event("u6", "app_created", -10),
    ];

    private static async Task<IReadOnlyList<Funnels.Progress>> ProgressionsAsync(IReadOnlyList<string> steps, TimeSpan window, IEnumerable<StepEvent> events) =>
        (await Funnels.ProgressionsAsync(steps, window, [new(From, To)], events.ToAsyncEnumerable(), CancellationToken.None))[0];

    [Fact]
    public async Task Steps_KnownPaths_ExactConversionAndDropOff()
    {
        var users = await ProgressionsAsync(Steps, TimeSpan.FromDays(1), Events);
        var steps = Funnels.Steps(Steps, users);

        Assert.Equal([4L, 3, 2], steps.Select(step => step.Users));
        Assert.Equal([100.0, 75.0, 50.0], steps.Select(step => step.ConversionPercent));
        Assert.Equal([100.0, 75.0, 66.67], steps.Select(step => step.StepConversionPercent));
        Assert.Equal([0L, 1, 1], steps.Select(step => step.DropOff));
        Assert.Equal([0.0, 25.0, 33.33], steps.Select(step => step.DropOffPercent));
    }

    [Fact]
    public async Task ProgressionsAsync_FurthestEnteringEvent_GivesTheBreakdownValue()
    {
        var users = (await ProgressionsAsync(Steps, TimeSpan.FromDays(1), Events)).ToDictionary(user => user.DistinctId);

        Assert.Equal(["u1", "u2", "u3", "u4"], users.Keys.Order());
        Assert.Equal((3, "ios"), (users["u4"].Steps, users["u4"].Segment));
        Assert.Equal((2, "ios"), (users["u2"].Steps, users["u2"].Segment));
    }

    [Fact]
    public async Task ProgressionsAsync_SameEventNameTwice_NeedsTwoEvents()
    {
        StepEvent[] events = [Event("a", "view", 0), Event("b", "view", 0), Event("b", "view", 1)];

        var users = (await ProgressionsAsync(["view", "view"], TimeSpan.FromHours(2), events)).ToDictionary(user => user.DistinctId);

        Assert.Equal((1, 2), (users["a"].Steps, users["b"].Steps));
    }

    [Fact]
    public async Task ProgressionsAsync_TwoPeriods_EachUserInThePeriodsTheyEnteredIn()
    {
        var periods = await Funnels.ProgressionsAsync(Steps, TimeSpan.FromDays(1), [new(From, To), new(From.AddDays(-7), From)], Events.ToAsyncEnumerable(), CancellationToken.None);

        Assert.Equal(["u1", "u2", "u3", "u4"], periods[0].Select(user => user.DistinctId));
        var previous = Assert.Single(periods[1]);
        Assert.Equal(("u6", 2), (previous.DistinctId, previous.Steps));
    }

    [Fact]
    public async Task Figures_NobodyInThePreviousPeriod_ConversionChangeIsNull()
    {
        var users = await ProgressionsAsync(Steps, TimeSpan.FromDays(1), Events);

        var figures = Funnels.Figures(Steps, users, []);

        Assert.Equal(new Compared(50.0, null), figures.ConversionPercent);
        Assert.Null(figures.ConversionPercent.ChangePercent);
    }
}
