using Vigil.Core.Kpis;
using Vigil.Core.Projects;
using Vigil.Kpis;

namespace Vigil.Tests.Kpis;

public sealed class KpiQueryTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void Days_NoDates_ThirtyDaysEndingToday()
    {
        var (range, problem) = KpiQuery.Days(null, null, Today);

        Assert.Null(problem);
        Assert.Equal(new DayRange(new(2026, 11, 1), Today), range);
    }

    [Fact]
    public void Days_OnlyTo_ThirtyDaysEndingOnIt()
    {
        var (range, _) = KpiQuery.Days(null, "2026-10-31", Today);

        Assert.Equal(new DayRange(new(2026, 10, 2), new(2026, 10, 31)), range);
    }

    [Fact]
    public void Days_OneDay_FromEqualsTo()
    {
        var (range, problem) = KpiQuery.Days("2026-11-16", "2026-11-16", Today);

        Assert.Null(problem);
        Assert.Equal(1, range!.Days);
    }

    [Theory]
    [InlineData("2026-12-01", "2026-11-30", "from")]
    [InlineData("2025-11-29", "2026-11-30", "from")]
    [InlineData("yesterday", null, "from")]
    [InlineData(null, "2026-13-01", "to")]
    public void Days_Bad_NamesTheField(string? from, string? to, string field)
    {
        var (range, problem) = KpiQuery.Days(from, to, Today);

        Assert.Null(range);
        Assert.Equal(field, problem!.Field);
    }

    [Fact]
    public void ZoneProblem_UnknownZone_NamesTimeZone()
    {
        var project = new Project(1, "shop", "Mars/Olympus_Mons", KeyEvents.Default, Targets.Default, null, DateTimeOffset.UnixEpoch);

        Assert.Equal("timeZone", KpiQuery.ZoneProblem(project)?.Field);
        Assert.Null(KpiQuery.ZoneProblem(project with { TimeZoneId = "America/New_York" }));
    }

    [Theory]
    [InlineData("signup, app_created ,order", 3)]
    [InlineData("a,,b", 2)]
    public void Steps_CommaSeparated_TrimmedWithoutEmpties(string steps, int count)
    {
        var (names, problem) = KpiQuery.Steps(steps);

        Assert.Null(problem);
        Assert.Equal(count, names!.Count);
        Assert.DoesNotContain(names, name => name != name.Trim() || name.Length == 0);
    }

    [Theory]
    [InlineData(null, 24 * 60)]
    [InlineData("30m", 30)]
    [InlineData("90d", 90 * 24 * 60)]
    public void Window_Durations_InMinutes(string? window, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), KpiQuery.Window(window).Window);
    }

    [Theory]
    [InlineData("plan", true)]
    [InlineData("$os", true)]
    [InlineData("a\"b", false)]
    [InlineData("a\\b", false)]
    [InlineData("", false)]
    public void PropertyProblem_Names_QuotesAndBackslashesRefused(string name, bool valid)
    {
        Assert.Equal(valid, KpiQuery.PropertyProblem("by", name) is null);
    }
}
