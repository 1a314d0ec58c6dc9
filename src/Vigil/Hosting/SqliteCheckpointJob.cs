using Vigil.Storage.Sqlite;

namespace Vigil.Hosting;

/// <summary>Moves the SQLite write-ahead log into the database file every second, mostly off the ingest commit path.</summary>
internal sealed partial class SqliteCheckpointJob(SqliteTelemetryStore store, TimeProvider time, ILogger<SqliteCheckpointJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.CheckpointAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckpointFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A WAL checkpoint failed; the next one will retry")]
    private partial void LogCheckpointFailed(Exception exception);
}
