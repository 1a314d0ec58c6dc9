namespace Vigil.Storage.ClickHouse;

/// <summary>
/// Where the events live, from one connection string:
/// <c>Url=http://ch1:8123;Database=vigil[;User=…;Password=…][;Cluster=vigil;Shards=http://ch1:8123,http://ch2:8123]</c>.
/// With a cluster, every shard gets the local tables (ClickHouse runs no distributed DDL without ZooKeeper, so Vigil
/// creates them on each listed shard) and <c>Url</c> is queried through Distributed tables.
/// </summary>
public sealed record ClickHouseSettings(Uri Url, string Database, string? User, string? Password, string? Cluster, IReadOnlyList<Uri> Shards)
{
    private static readonly string[] KnownKeys = ["Url", "Database", "User", "Password", "Cluster", "Shards"];

    public static ClickHouseSettings Parse(string connectionString)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"ClickHouse connection string: '{part}' is not key=value.");
            }
            values[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
        foreach (var key in values.Keys)
        {
            if (!KnownKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException($"ClickHouse connection string: unknown key '{key}' (known: Url, Database, User, Password, Cluster, Shards).");
            }
        }
        var url = HttpUrl(values.GetValueOrDefault("Url") ?? throw new FormatException("ClickHouse connection string: Url is required."), "Url");
        var database = values.GetValueOrDefault("Database", "vigil");
        if (!ClickHouseSql.IsIdentifier(database))
        {
            throw new FormatException($"ClickHouse connection string: Database '{database}' must be letters, digits and underscores.");
        }
        var cluster = values.GetValueOrDefault("Cluster");
        if (cluster is not null && !ClickHouseSql.IsIdentifier(cluster))
        {
            throw new FormatException($"ClickHouse connection string: Cluster '{cluster}' must be letters, digits and underscores.");
        }
        var shards = values.TryGetValue("Shards", out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(shard => HttpUrl(shard, "Shards")).ToList()
            : [];
        if (cluster is not null && shards.Count == 0)
        {
            throw new FormatException("ClickHouse connection string: Cluster needs Shards, the HTTP address of every shard.");
        }
        if (cluster is null && shards.Count > 0)
        {
            throw new FormatException("ClickHouse connection string: Shards is only used with Cluster.");
        }
        return new ClickHouseSettings(url, database, values.GetValueOrDefault("User"), values.GetValueOrDefault("Password"), cluster, shards);
    }

    /// <summary>Every server that holds local tables: the shards of the cluster, or the one server.</summary>
    public IReadOnlyList<Uri> Servers => Cluster is null ? [Url] : Shards;

    private static Uri HttpUrl(string value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"ClickHouse connection string: {key} '{value}' is not an http(s) address.");
}
