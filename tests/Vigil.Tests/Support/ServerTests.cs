using Vigil.Hosting;
using Vigil.Testing;

namespace Vigil.Tests.Support;

/// <summary>
/// Tests against a real server of their own: xunit makes an instance of the class per test, so each test starts a
/// fresh server and sees no other test's data. A class that runs on both backends is abstract, with one sealed
/// subclass per <see cref="Backend"/>. A class with more to set up overrides <see cref="InitializeAsync"/> and
/// <see cref="DisposeAsync"/> around the base ones.
/// </summary>
/// <param name="frozenAt">Where the test's clock stands until the test moves it; none runs the server on the wall clock.</param>
/// <param name="logIn">Log in to the dashboard before the test, for <see cref="Page"/>.</param>
public abstract class ServerTests(Backend backend, DateTimeOffset? frozenAt = null, Action<VigilOptions>? configure = null, bool logIn = false) : IAsyncLifetime
{
    private readonly ManualTimeProvider? _time = frozenAt is { } now ? new ManualTimeProvider(now) : null;
    private HttpClient? _page;

    protected VigilServer Server { get; private set; } = null!;

    /// <summary>A client with the admin token.</summary>
    protected HttpClient Admin { get; private set; } = null!;

    /// <summary>A client with the project's ingest key.</summary>
    protected HttpClient Ingest { get; private set; } = null!;

    /// <summary>A client with no credentials.</summary>
    protected HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The server's clock. Timers still run on real time: only "now" is the test's.</summary>
    protected ManualTimeProvider Time => _time ?? throw new InvalidOperationException("This class runs on the wall clock: give the base class a frozenAt.");

    /// <summary>The dashboard's pages as a logged-in browser without JavaScript uses them (see <see cref="PageSession"/>).</summary>
    protected HttpClient Page => _page ?? throw new InvalidOperationException("No one logged in: give the base class logIn: true.");

    public virtual async Task InitializeAsync()
    {
        Server = await VigilServer.StartAsync(_time, configure, backend);
        Admin = Server.CreateAdminClient();
        Ingest = Server.CreateIngestClient();
        Anonymous = Server.CreateClient();
        if (logIn)
        {
            _page = await PageSession.LogInAsync(Server);
        }
    }

    public virtual async Task DisposeAsync()
    {
        _page?.Dispose();
        Admin.Dispose();
        Ingest.Dispose();
        Anonymous.Dispose();
        await Server.DisposeAsync();
    }
}
