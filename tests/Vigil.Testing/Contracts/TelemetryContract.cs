using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>A telemetry store on one real engine, fresh for each test, for the telemetry contract suites.</summary>
public interface ITelemetryEngine : IAsyncDisposable
{
    /// <summary>The migrated store; valid once <see cref="InitializeAsync"/> has run.</summary>
    ITelemetryStore Store { get; }

    Task InitializeAsync();

    /// <summary>Waits until what was written is readable (ClickHouse ships its spool first).</summary>
    Task MakeReadableAsync();
}

/// <summary>
/// The base of every telemetry contract suite: each engine's test project names the suite with its engine
/// (<c>class SqliteTelemetryErrorsTests : TelemetryErrorsContract&lt;SqliteTelemetryEngine&gt;</c>) and xunit runs
/// every test on a store of its own.
/// </summary>
public abstract class TelemetryContract<TEngine> : IAsyncLifetime
    where TEngine : ITelemetryEngine, new()
{
    private readonly TEngine _engine = new();

    protected ITelemetryStore Store => _engine.Store;

    protected Task MakeReadableAsync() => _engine.MakeReadableAsync();

    public Task InitializeAsync() => _engine.InitializeAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();
}
