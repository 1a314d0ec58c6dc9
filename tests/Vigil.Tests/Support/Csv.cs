using System.Net;
using System.Text;

namespace Vigil.Tests.Support;

/// <summary>Reads a chart's CSV download (see ChartCsv) in tests.</summary>
public static class Csv
{
    /// <summary>The CSV's records, split by a reader that knows no quoting: the charts read this way need none.</summary>
    public static async Task<List<string[]>> GetCsvAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        Assert.EndsWith("\r\n", text);
        return text[..^2].Split("\r\n").Select(line => line.Split(',')).ToList();
    }
}
