using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Vigil.Storage.ClickHouse;

/// <summary>ClickHouse's HTTP interface: statements in the body, results as TabSeparated rows.</summary>
internal sealed class ClickHouseClient(HttpClient http, ClickHouseSettings settings)
{
    private static readonly MediaTypeHeaderValue PlainText = new("text/plain") { CharSet = "utf-8" };

    // ClickHouse refuses queries beyond its max_concurrent_queries (100 by default, counting the per-shard parts of
    // a distributed query) with an error; a node's readers queue here instead, a few at a time.
    private readonly SemaphoreSlim _queries = new(8, 8);

    public ClickHouseSettings Settings => settings;

    /// <summary>Runs a statement that answers nothing (DDL), on the given server or the main one.</summary>
    public async Task ExecuteAsync(string statement, CancellationToken cancellationToken, Uri? server = null, bool withDatabase = true)
    {
        using var response = await SendAsync(server ?? settings.Url, withDatabase ? settings.Database : null, null, new StringContent(statement, Encoding.UTF8, PlainText.MediaType), cancellationToken);
    }

    /// <summary>Runs a query, on the given server or the main one, and answers its rows, each as unescaped TabSeparated fields.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string query, CancellationToken cancellationToken, Uri? server = null) =>
        await QueryRowsAsync(query, cancellationToken, server).ToListAsync(cancellationToken);

    /// <summary>
    /// Runs a query, on the given server or the main one, and hands on its rows as they arrive, each as unescaped
    /// TabSeparated fields: an answer too big to hold (a funnel's page views) is read one row at a time.
    /// </summary>
    public async IAsyncEnumerable<string[]> QueryRowsAsync(string query, [EnumeratorCancellation] CancellationToken cancellationToken, Uri? server = null)
    {
        await _queries.WaitAsync(cancellationToken);
        try
        {
            using var response = await SendAsync(
                server ?? settings.Url, settings.Database, null, new StringContent(query + " FORMAT TabSeparated", Encoding.UTF8, PlainText.MediaType), cancellationToken,
                HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    yield return line.Split('\t').Select(field => ClickHouseSql.Unescape(field)).ToArray();
                }
            }
        }
        finally
        {
            _queries.Release();
        }
    }

    /// <summary>Inserts JSONEachRow lines; with a cluster, waits until every shard has its rows.</summary>
    public async Task InsertAsync(string table, ReadOnlyMemory<byte> rows, CancellationToken cancellationToken)
    {
        var query = $"INSERT INTO {table} FORMAT JSONEachRow";
        using var response = await SendAsync(settings.Url, settings.Database, query, new ReadOnlyMemoryContent(rows), cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(
        Uri server, string? database, string? query, HttpContent content, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var address = new StringBuilder(server.GetLeftPart(UriPartial.Path).TrimEnd('/')).Append("/?");
        if (database is not null)
        {
            address.Append("database=").Append(Uri.EscapeDataString(database)).Append('&');
        }
        if (query is not null)
        {
            // A statement in the address is an insert whose rows are the body. Into a Distributed table, it answers
            // once every shard has its rows, not when they are queued.
            address.Append("query=").Append(Uri.EscapeDataString(query)).Append('&');
            if (settings.Cluster is not null)
            {
                address.Append("insert_distributed_sync=1&");
            }
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, address.ToString().TrimEnd('&', '?')) { Content = content };
        if (settings.User is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
        var response = await http.SendAsync(request, completion, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new ClickHouseException($"ClickHouse at {server.Authority} answered {(int)response.StatusCode}: {error.Trim()}");
        }
        return response;
    }
}

public sealed class ClickHouseException(string message) : Exception(message);
