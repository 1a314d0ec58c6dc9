using Vigil.Core.Experiments;
using Vigil.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Experiments;

/// <summary>The weekly review's "experiments with a result", from experiments run through the API and events through the ingest API.</summary>
public sealed class ExperimentReportTests() : ServerTests(Backend.Sqlite, new DateTimeOffset(2026, 11, 16, 1, 0, 0, Kst))
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    private string Experiments => $"api/projects/{Server.ProjectId}/experiments";

    [Fact]
    public async Task WeeklyReport_DecidedAndStoppedExperiments_CarriesTheirOutcomes()
    {
        string[] variants = ["control", "green"];
        await ExperimentSeed.DefineAsync(Server, "checkout", "Green checkout button", variants, minimumDetectableLift: 1);
        await ExperimentSeed.DefineAsync(Server, "pricing", "Annual plan first", variants, minimumDetectableLift: 1);
        await ExperimentSeed.DefineAsync(Server, "onboarding", "Shorter onboarding", variants, minimumDetectableLift: 1, start: false);

        // Decided on Monday night.
        Time.Advance(TimeSpan.FromHours(3));
        await ExperimentSeed.SendGreenWinsAsync(Server, "checkout", new DateTimeOffset(2026, 11, 16, 2, 0, 0, Kst), TimeSpan.FromMinutes(30));
        Time.Set(new DateTimeOffset(2026, 11, 18, 12, 0, 0, Kst));
        using (var stopped = await Admin.PostAsync($"{Experiments}/pricing/stop", Json.Body(new { ship = "control" })))
        {
            Assert.True(stopped.IsSuccessStatusCode, await stopped.Content.ReadAsStringAsync());
        }
        Time.Set(new DateTimeOffset(2026, 11, 23, 9, 0, 0, Kst));

        using var english = await Admin.PostAsync($"api/projects/{Server.ProjectId}/reports", Json.Body(new { kind = "weekly", date = "2026-11-22", language = "en" }));
        var text = (string)(await english.ReadAsync())["text"]!;
        using var korean = await Admin.PostAsync($"api/projects/{Server.ProjectId}/reports", Json.Body(new { kind = "weekly", date = "2026-11-22", language = "ko" }));
        var koreanText = (string)(await korean.ReadAsync())["text"]!;

        var section = text[text.IndexOf("Experiments with a result\n", StringComparison.Ordinal)..];
        Assert.Contains("- Green checkout button: green wins: +200.0 % conversion (95 % CI +", section);
        Assert.Contains("- Annual plan first: Stopped before the planned sample (0 of ", section);
        Assert.Contains("; the team kept the control", section);
        Assert.DoesNotContain("Shorter onboarding", text);
        Assert.Contains("- Green checkout button: green 승: 전환율 +200.0 % (95 % 신뢰구간 +", koreanText);
        Assert.Contains("팀은 대조군을 유지함", koreanText);
        using var checkout = await Admin.GetAsync($"{Experiments}/checkout/results");
        Assert.Equal("2026-11-16", (string?)(await checkout.ReadAsync())["decidedOn"]);
    }

    [Fact]
    public async Task WeeklyReport_SequentialDecidedThenWeakerDays_StaysDecidedInItsWeekOnly()
    {
        await ExperimentSeed.DefineAsync(Server, "checkout", "Green checkout button", ["control", "green"], minimumDetectableLift: 1, method: "sequential");
        // Monday: green converts three times as often. Tuesday: more users, green now behind, so that the counts of
        // the whole run alone are far from a decision.
        Time.Advance(TimeSpan.FromHours(3));
        await ExperimentSeed.SendGreenWinsAsync(Server, "checkout", new DateTimeOffset(2026, 11, 16, 2, 0, 0, Kst), TimeSpan.FromMinutes(30));
        Time.Set(new DateTimeOffset(2026, 11, 17, 12, 0, 0, Kst));
        await ExperimentSeed.SendAsync(
            Server, "checkout", new DateTimeOffset(2026, 11, 17, 10, 0, 0, Kst), TimeSpan.FromMinutes(30), "tuesday-", 400, controlBuyersPerTen: 3, greenBuyersPerTen: 2);
        Time.Set(new DateTimeOffset(2026, 11, 30, 9, 0, 0, Kst));

        using var answer = await Admin.GetAsync($"{Experiments}/checkout/results");
        var results = await answer.ReadAsync();
        var decidedWeek = await WeeklyTextAsync("2026-11-22");
        var nextWeek = await WeeklyTextAsync("2026-11-29");

        Assert.Equal(("winner", "green", "2026-11-16"), ((string?)results["verdict"], (string?)results["decidingVariant"], (string?)results["decidedOn"]));
        var arms = results["arms"]!.AsArray().Select(arm => new ArmCounts((string)arm!["variant"]!, 1, (long)arm["exposed"]!, (long)arm["converted"]!)).ToList();
        Assert.Equal([new("control", 1, 650, 145), new("green", 1, 650, 155)], arms);
        var wholeRunAlone = ExperimentAnalysis.Analyze(new ExperimentDesign(ExperimentMethod.Sequential, 0.05, 0.8, 0.1, 1), arms);
        Assert.NotEqual(ExperimentVerdict.Winner, wholeRunAlone.Verdict);
        Assert.Contains("- Green checkout button: green wins", decidedWeek);
        Assert.DoesNotContain("Green checkout button", nextWeek);
    }

    private async Task<string> WeeklyTextAsync(string date)
    {
        using var answer = await Admin.PostAsync($"api/projects/{Server.ProjectId}/reports", Json.Body(new { kind = "weekly", date, language = "en" }));
        return (string)(await answer.ReadAsync())["text"]!;
    }
}
