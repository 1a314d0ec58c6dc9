using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Vigil.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright; Playwright's own browser builds are never downloaded.
/// One browser per test class; each test opens its own context, so cookies and storage never leak between tests.
/// </summary>
public sealed class Browser : IAsyncDisposable
{

    /// <summary>Where Chromium is: <c>VIGIL_CHROMIUM</c> when set, else Debian's package.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("VIGIL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser instance)
    {
        _playwright = playwright;
        Instance = instance;
    }

    public IBrowser Instance { get; }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: install it with 'apt-get install -y chromium' or set VIGIL_CHROMIUM.");
        }
        var playwright = await Playwright.CreateAsync();
        var instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return new Browser(playwright, instance);
    }

    /// <summary>A fresh context (no cookies) and a page in it. <paramref name="phone"/> emulates a touch phone at <see cref="Phone"/>.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool phone = false, string locale = "en-US")
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? (phone ? Phone : Laptop),
            DeviceScaleFactor = phone ? 2 : 1,
            IsMobile = phone,
            HasTouch = phone,
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Signs in through the login form, as a person would, and waits for the dashboard.</summary>
    public static Task LogInAsync(IPage page, VigilServer server) => LogInAsync(page, server.BaseAddress, server.Email, server.Password);

    public static async Task LogInAsync(IPage page, Uri baseAddress, string email, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/").ToString());
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await ExpectAddressAsync(page, "/projects/");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>
    /// Waits until the page's address matches <paramref name="pattern"/> (a regular expression). Polled, not awaited as
    /// an event: WaitForURLAsync reads the address and then subscribes to navigations, and loses one that commits in
    /// between (microsoft/playwright-dotnet#3364), which a loaded machine makes likely.
    /// </summary>
    public static Task ExpectAddressAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new() { Timeout = 15_000 });

    /// <summary>Saves a full-page screenshot under <c>artifacts/screenshots</c> beside the test assembly and prints where.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper? output = null)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output?.WriteLine($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
