using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Snippet;

/// <summary>
/// The snippet's feedback widget and NPS survey on a customer's page in Debian's Chromium: feedback sent through the
/// widget shows in the Feedback page's inbox, and the NPS question comes once per user per period.
/// </summary>
[Collection(Heavy.Collection)]
public sealed class SnippetFeedbackBrowserTests(ITestOutputHelper output) : CustomerSiteTests
{
    [Fact]
    public async Task FeedbackWidget_SubmittedOnAPage_ShowsInTheInboxAndTakesAStatus()
    {
        var shop = await Chromium.NewPageAsync();
        await shop.GotoAsync(Site.Urls.First() + "/checkout");
        var launcher = shop.GetByRole(AriaRole.Button, new() { Name = "Feedback" });
        var dialog = shop.GetByRole(AriaRole.Dialog, new() { Name = "Send feedback" });

        // Keyboard first: Enter opens it with focus inside, Escape closes it and gives focus back to the button.
        await launcher.FocusAsync();
        await shop.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "1" })).ToBeFocusedAsync();
        await shop.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(launcher).ToBeFocusedAsync();

        await launcher.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose a rating from 1 to 5.");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "2" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Combobox).SelectOptionAsync("bug");
        await dialog.GetByRole(AriaRole.Textbox).FillAsync("The pay button does nothing on the checkout page");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you for your feedback!");
        var distinctId = await shop.EvaluateAsync<string>("() => localStorage.getItem('vigil_id')");

        var inbox = await Chromium.NewPageAsync();
        await Browser.LogInAsync(inbox, Server);
        await inbox.GotoAsync(new Uri(Server.BaseAddress, $"/projects/{Server.ProjectId}/feedback").ToString());
        var row = inbox.GetByTestId("feedback-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("feedback-text")).ToHaveTextAsync("The pay button does nothing on the checkout page");
        await Expect(row.GetByTestId("feedback-category")).ToHaveTextAsync("Bug");
        await Expect(row).ToContainTextAsync("/checkout");
        await Expect(row).ToContainTextAsync(distinctId);
        await Expect(inbox.GetByTestId("feedback-negative")).ToContainTextAsync("100%");
        await Expect(inbox.GetByTestId("feedback-themes")).ToContainTextAsync("pay button");
        await Browser.ScreenshotAsync(inbox, "feedback-laptop", output);

        await row.GetByTestId("feedback-status").SelectOptionAsync("planned");
        await row.GetByTestId("feedback-status-save").ClickAsync();
        await Expect(inbox.GetByTestId("feedback-done")).ToBeVisibleAsync();
        await inbox.GotoAsync(new Uri(Server.BaseAddress, $"/projects/{Server.ProjectId}/feedback?status=planned").ToString());
        await Expect(inbox.GetByTestId("feedback-row")).ToHaveCountAsync(1);
        await inbox.GotoAsync(new Uri(Server.BaseAddress, $"/projects/{Server.ProjectId}/feedback?status=new").ToString());
        await Expect(inbox.GetByTestId("feedback-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task FeedbackWidget_KoreanBrowser_SpeaksKorean()
    {
        var shop = await Chromium.NewPageAsync(locale: "ko-KR");
        await shop.GotoAsync(Site.Urls.First() + "/");

        await shop.GetByRole(AriaRole.Button, new() { Name = "피드백" }).ClickAsync();

        var dialog = shop.GetByRole(AriaRole.Dialog, new() { Name = "피드백 보내기" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Combobox)).ToContainTextAsync("기능 요청");
    }

    [Fact]
    public async Task NpsSurvey_Enabled_AskedOnceAnsweredAndNotAskedAgainInThePeriod()
    {
        using var admin = Server.CreateAdminClient();
        using var settings = await admin.PutAsync($"api/projects/{Server.ProjectId}/nps/settings", Json.Body(new { enabled = true, periodDays = 90 }));
        Assert.True(settings.IsSuccessStatusCode);
        var shop = await Chromium.NewPageAsync();

        await shop.GotoAsync(Site.Urls.First() + "/home?nps=0");
        var survey = shop.GetByRole(AriaRole.Dialog, new() { Name = "How likely are you to recommend us to a friend or colleague?" });
        await Expect(survey).ToBeVisibleAsync();
        await survey.GetByRole(AriaRole.Radio, new() { Name = "9" }).CheckAsync();
        await survey.GetByRole(AriaRole.Textbox).FillAsync("Fast and simple");
        await survey.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(survey.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you!");

        var again = await shop.RunAndWaitForResponseAsync(() => shop.ReloadAsync(), response => response.Url.Contains("/v1/nps/prompt", StringComparison.Ordinal));
        Assert.False((bool)JsonNode.Parse(await again.TextAsync())!["due"]!);
        await Expect(shop.Locator("[data-vigil=nps]")).ToHaveCountAsync(0);

        // Another user closes it unanswered: asked all the same, so not again.
        var other = await Chromium.NewPageAsync();
        await other.GotoAsync(Site.Urls.First() + "/home?nps=0");
        await other.GetByRole(AriaRole.Button, new() { Name = "Not now" }).ClickAsync();
        await Expect(other.Locator("[data-vigil=nps]")).ToHaveCountAsync(0);
        var afterDismissal = await other.RunAndWaitForResponseAsync(() => other.ReloadAsync(), response => response.Url.Contains("/v1/nps/prompt", StringComparison.Ordinal));
        Assert.False((bool)JsonNode.Parse(await afterDismissal.TextAsync())!["due"]!);

        var nps = await admin.GetJsonAsync($"api/projects/{Server.ProjectId}/nps");
        Assert.Equal((100.0, 1), ((double)nps["score"]!, (int)nps["counts"]!["promoters"]!));
        Assert.Equal("Fast and simple", (string?)nps["recentComments"]![0]!["comment"]);

        var inbox = await Chromium.NewPageAsync(locale: "ko-KR");
        await Browser.LogInAsync(inbox, Server);
        await inbox.GotoAsync(new Uri(Server.BaseAddress, $"/projects/{Server.ProjectId}/feedback").ToString());
        await Expect(inbox.GetByTestId("nav-feedback")).ToHaveTextAsync("피드백");
        await Expect(inbox.GetByTestId("nps-score")).ToHaveTextAsync("+100");
        await Expect(inbox.Locator("[data-nps-chart] canvas")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(inbox, "feedback-nps-korean", output);
    }
}
