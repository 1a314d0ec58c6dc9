using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Google.Protobuf;
using IronSnappy;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Prometheus.Proto;
using Vigil.Tests.Support;

namespace Vigil.Tests.Series;

/// <summary>
/// POST /api/v1/write's answers on a real server: 204 once stored, and each refusal an application/problem+json naming
/// the field at fault, in the status Prometheus acts on (400, 401, 413 and 415 are not retried).
/// </summary>
public sealed class RemoteWriteEndpointsTests() : ServerTests(Backend.Sqlite, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    private static TimeSeries Series(string name, double value) => new()
    {
        Labels = { new Label { Name = "__name__", Value = name }, new Label { Name = "instance", Value = "db-1:9187" } },
        Samples = { new Sample { Value = value, Timestamp = Now.AddSeconds(-30).ToUnixTimeMilliseconds() } },
    };

    private static ByteArrayContent Body(byte[] bytes, string? encoding = "snappy")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }
        return content;
    }

    private static ByteArrayContent Snappied(params TimeSeries[] series) => Body(Snappy.Encode(new WriteRequest { Timeseries = { series } }.ToByteArray()));

    private async Task<JsonNode> QueryLastAsync(string name)
    {
        var range = $"from={Uri.EscapeDataString(Now.AddHours(-1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(Now.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture))}";
        return await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/metrics/query?name={name}&agg=last&step=1h&{range}");
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) => (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!;

    [Fact]
    public async Task Write_SnappyProtobuf_204AndTheSampleIsStored()
    {
        using var response = await Ingest.PostAsync("api/v1/write", Snappied(Series("pg_connections", 12)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var line = Assert.Single((await QueryLastAsync("pg_connections"))["series"]!.AsArray())!;
        Assert.Contains(line["points"]!.AsArray(), point => (double?)point!["value"] == 12);
    }

    [Fact]
    public async Task Write_AnInfiniteSampleAmongGoodOnes_400NamingTimeseriesAndTheOthersStored()
    {
        using var response = await Ingest.PostAsync("api/v1/write", Snappied(Series("pg_connections", 12), Series("pg_cache_ratio", double.PositiveInfinity)));

        await Json.AssertProblemAsync(response, 400, "timeseries");
        Assert.StartsWith("Refused 1 of 2 samples (the others are stored): ", await DetailAsync(response));
        Assert.Single((await QueryLastAsync("pg_connections"))["series"]!.AsArray());
    }

    [Fact]
    public async Task Write_WithoutOrWithAWrongKey_401NamingAuthorization()
    {
        using var withoutKey = await Anonymous.PostAsync("api/v1/write", Snappied(Series("pg_connections", 12)));
        using var wrongKey = Server.CreateClient("vgi_not_a_key");
        using var withWrongKey = await wrongKey.PostAsync("api/v1/write", Snappied(Series("pg_connections", 12)));

        await Json.AssertProblemAsync(withoutKey, 401, "Authorization");
        await Json.AssertProblemAsync(withWrongKey, 401, "Authorization");
        Assert.Contains("remote_write.authorization.credentials", await DetailAsync(withoutKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gzip")]
    public async Task Write_NotSnappyEncoded_415NamingContentEncoding(string? encoding)
    {
        var protobuf = new WriteRequest { Timeseries = { Series("pg_connections", 12) } }.ToByteArray();

        using var response = await Ingest.PostAsync("api/v1/write", Body(protobuf, encoding));

        await Json.AssertProblemAsync(response, 415, "Content-Encoding");
    }

    [Fact]
    public async Task Write_BodyThatIsNotSnappy_400NamingTheBody()
    {
        using var response = await Ingest.PostAsync("api/v1/write", Body("this is not snappy at all"u8.ToArray()));

        await Json.AssertProblemAsync(response, 400, "body");
        Assert.Contains("not a snappy-compressed prometheus.WriteRequest", await DetailAsync(response));
    }

    [Fact]
    public async Task Write_SnappyOfSomethingThatIsNotAWriteRequest_400NamingTheBody()
    {
        // Field 1 (timeseries), length-delimited, claiming far more bytes than follow.
        using var response = await Ingest.PostAsync("api/v1/write", Body(Snappy.Encode([0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 0x01])));

        await Json.AssertProblemAsync(response, 400, "body");
    }

    [Fact]
    public async Task Write_EmptyBody_400NamingTheBody()
    {
        using var response = await Ingest.PostAsync("api/v1/write", Body([]));

        await Json.AssertProblemAsync(response, 400, "body");
    }

    [Fact]
    public async Task Write_CompressedBodyOverTheLimit_413NamingTheBody()
    {
        using var response = await Ingest.PostAsync("api/v1/write", Body(new byte[IngestLimits.MaxOtlpRequestBytes + 1]));

        await Json.AssertProblemAsync(response, 413, "body");
    }

    [Fact]
    public async Task Write_BlockDecompressingBeyond32MiB_413BeforeDecompressing()
    {
        // A snappy block starts with the varint of its decompressed length: 0x14 << 21 bytes, 40 MiB.
        byte[] fortyMebibytes = [0x80, 0x80, 0x80, 0x14];

        using var response = await Ingest.PostAsync("api/v1/write", Body([.. fortyMebibytes, 0x00, 0x01]));

        await Json.AssertProblemAsync(response, 413, "body");
        Assert.Contains("32 MiB decompressed", await DetailAsync(response));
    }
}
