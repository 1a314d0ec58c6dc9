using System.Text;
using Vigil.Storage.ClickHouse.Spool;

namespace Vigil.Storage.ClickHouse.Tests;

public sealed class IngestSpoolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-spool-test-").FullName;

    [Fact]
    public void Read_AfterAppends_ReturnsThemInOrderUntilMarkedShipped()
    {
        using var spool = IngestSpool.Open(_directory);
        spool.Append("one"u8);
        spool.Append("two"u8);

        var records = spool.Read(spool.Shipped, maxBytes: 1 << 20);
        spool.MarkShipped(records[0].End);

        Assert.Equal(["one", "two"], records.Select(Text));
        Assert.Equal(["two"], spool.Read(spool.Shipped, maxBytes: 1 << 20).Select(Text));
    }

    [Fact]
    public void Open_AfterRestart_ResumesAfterWhatWasShipped()
    {
        using (var spool = IngestSpool.Open(_directory))
        {
            spool.Append("one"u8);
            spool.Append("two"u8);
            spool.MarkShipped(spool.Read(spool.Shipped, 1 << 20)[0].End);
        }

        using var reopened = IngestSpool.Open(_directory);
        reopened.Append("three"u8);

        Assert.Equal(["two", "three"], reopened.Read(reopened.Shipped, 1 << 20).Select(Text));
    }

    [Fact]
    public void Open_TornLastRecord_CutsItOffAndKeepsTheWholeOnes()
    {
        using (var spool = IngestSpool.Open(_directory))
        {
            spool.Append("whole"u8);
            spool.Append("torn record"u8);
        }
        var segment = Directory.GetFiles(_directory, "*.spool").Single();
        using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(file.Length - 4);
        }

        using var reopened = IngestSpool.Open(_directory);
        reopened.Append("after"u8);

        Assert.Equal(["whole", "after"], reopened.Read(reopened.Shipped, 1 << 20).Select(Text));
    }

    [Fact]
    public void Open_GarbageAfterTheLastRecord_IsCutOff()
    {
        using (var spool = IngestSpool.Open(_directory))
        {
            spool.Append("whole"u8);
        }
        File.AppendAllText(Directory.GetFiles(_directory, "*.spool").Single(), "\u0005\0\0\0garbage that fails its checksum");

        using var reopened = IngestSpool.Open(_directory);

        Assert.Equal(["whole"], reopened.Read(reopened.Shipped, 1 << 20).Select(Text));
    }

    [Fact]
    public void Append_PastTheSegmentSize_StartsNewSegmentsAndShippedOnesAreDeleted()
    {
        using var spool = IngestSpool.Open(_directory, segmentBytes: 64);
        var payloads = Enumerable.Range(0, 10).Select(index => $"record number {index:D2} with some padding").ToList();
        foreach (var payload in payloads)
        {
            spool.Append(Encoding.UTF8.GetBytes(payload));
        }
        Assert.True(Directory.GetFiles(_directory, "*.spool").Length >= 5);

        var firstSix = spool.Read(spool.Shipped, maxBytes: 200);
        spool.MarkShipped(firstSix[^1].End);

        Assert.Equal(payloads.Take(6), firstSix.Select(Text));
        Assert.Equal(payloads.Skip(6), spool.Read(spool.Shipped, 1 << 20).Select(Text));
        Assert.Equal(3, Directory.GetFiles(_directory, "*.spool").Length);
    }

    [Fact]
    public async Task WaitForAppendAsync_CompletesOnTheNextAppend()
    {
        using var spool = IngestSpool.Open(_directory);
        var waiting = spool.WaitForAppendAsync(spool.Shipped, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        spool.Append("one"u8);

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(spool.WaitForAppendAsync(spool.Shipped, CancellationToken.None).IsCompleted);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Text(SpoolRecord record) => Encoding.UTF8.GetString(record.Payload);
}
