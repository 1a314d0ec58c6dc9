using System.Text.Json;
using Vigil.Core.Ingest.PostHog;

namespace Vigil.Core.Tests.Ingest.PostHog;

public sealed class LzStringTests
{
    /// <summary>[text, compressToBase64(text)] pairs made by the lz-string npm package (tests/node/lz64-vectors.mjs).</summary>
    public static TheoryData<int> Vectors() => [.. Enumerable.Range(0, ReadVectors().Count)];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void DecompressFromBase64_WhatLzStringCompressed_IsTheText(int vector)
    {
        var (text, compressed) = ReadVectors()[vector];

        var decompressed = LzString.DecompressFromBase64(compressed, int.MaxValue, out var tooLong);

        Assert.Equal(text, decompressed);
        Assert.False(tooLong);
    }

    [Fact]
    public void DecompressFromBase64_RunOfOneCharacter_IsTheWholeRun()
    {
        var decompressed = LzString.DecompressFromBase64(RunOf2MebibytesOfA(), int.MaxValue, out _);

        Assert.Equal(new string('a', 2 * 1024 * 1024), decompressed);
    }

    [Fact]
    public void DecompressFromBase64_LongerThanTheLimit_IsNullAndTooLong()
    {
        Assert.Null(LzString.DecompressFromBase64(RunOf2MebibytesOfA(), 1024 * 1024, out var tooLong));
        Assert.True(tooLong);
    }

    [Theory]
    [InlineData("")]
    [InlineData("BYUw*mD2")]
    [InlineData("BYUwNmD2AEoTcrQO")]
    [InlineData("////")]
    public void DecompressFromBase64_NotAnLzStringStream_IsNull(string text)
    {
        Assert.Null(LzString.DecompressFromBase64(text, int.MaxValue, out var tooLong));
        Assert.False(tooLong);
    }

    /// <summary>compressToBase64 of 'a' × 2 MiB, by the lz-string npm package: a few KiB.</summary>
    internal static string RunOf2MebibytesOfA() => File.ReadAllText(Fixture("lz64-run.txt")).Trim();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Ingest", "PostHog", name);

    private static IReadOnlyList<(string Text, string Compressed)> ReadVectors() =>
        File.ReadAllLines(Fixture("lz64-vectors.jsonl"))
            .Select(line => JsonSerializer.Deserialize<string[]>(line)!)
            .Select(pair => (pair[0], pair[1]))
            .ToList();
}
