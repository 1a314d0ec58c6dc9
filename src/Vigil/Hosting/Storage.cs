using Npgsql;
using Vigil.Core.Storage;
using Vigil.Storage.ClickHouse;
using Vigil.Storage.Postgres;
using Vigil.Storage.Sqlite;

namespace Vigil.Hosting;

/// <summary>Which engines hold the data: one SQLite file by default, PostgreSQL and ClickHouse when both are set.</summary>
internal static class Storage
{
    public static IServiceCollection AddVigilStorage(this IServiceCollection services, VigilOptions options)
    {
        if (options.ScaledOut)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(options.Postgres!));
            services.AddSingleton<IMetadataStore, PostgresMetadataStore>();
            services.AddSingleton(provider => new ClickHouseTelemetryStore(
                new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(60) },
                ClickHouseSettings.Parse(options.ClickHouse!),
                options.SpoolDirectory,
                provider.GetRequiredService<TimeProvider>(),
                options.ClickHouseFlushInterval));
            services.AddSingleton<ITelemetryStore>(provider => provider.GetRequiredService<ClickHouseTelemetryStore>());
            services.AddHostedService<ClickHouseShipperJob>();
        }
        else
        {
            services.AddSingleton(new SqliteDatabase(options.DatabasePath));
            services.AddSingleton<IMetadataStore, SqliteMetadataStore>();
            services.AddSingleton<SqliteTelemetryStore>();
            services.AddSingleton<ITelemetryStore>(provider => provider.GetRequiredService<SqliteTelemetryStore>());
            services.AddHostedService<SqliteCheckpointJob>();
        }
        return services;
    }
}

/// <summary>Moves this node's spooled batches into ClickHouse for as long as the node runs.</summary>
internal sealed class ClickHouseShipperJob(ClickHouseTelemetryStore store) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => store.ShipAsync(stoppingToken);
}
