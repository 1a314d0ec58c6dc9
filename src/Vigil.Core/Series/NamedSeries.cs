using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Core.Series;

/// <summary>What a series measures, which decides how its points roll up and which aggregations it answers.</summary>
public enum SeriesKind
{
    /// <summary>A level (memory, connections, queue depth): last, min, max, sum and count per minute.</summary>
    Gauge = 1,

    /// <summary>A monotonic total (requests, bytes): the increase per minute.</summary>
    Counter = 2,

    /// <summary>A distribution (latencies): count, sum and a sketch per minute.</summary>
    Histogram = 3,
}

/// <summary>
/// One named series of a project: a metric name plus its labels, sorted by name. Its <see cref="Id"/> is a hash of
/// the name and labels, so every node and every engine gives the same series the same id without a lookup.
/// </summary>
public sealed record NamedSeries
{
    public NamedSeries(long projectId, string name, IReadOnlyList<KeyValuePair<string, string>> labels, SeriesKind kind, string unit)
    {
        ProjectId = projectId;
        Name = name;
        Labels = labels.OrderBy(label => label.Key, StringComparer.Ordinal).ToList();
        Kind = kind;
        Unit = unit;
        LabelsJson = SeriesLabels.ToJson(Labels);
        Id = SeriesLabels.IdOf(name, LabelsJson);
    }

    public long ProjectId { get; }
    public string Name { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }
    public SeriesKind Kind { get; }

    /// <summary>The unit as sent (OTLP's UCUM text, or inferred from a Prometheus name suffix); empty when unknown.</summary>
    public string Unit { get; }

    public string LabelsJson { get; }
    public long Id { get; }

    public string? Label(string name) => Labels.FirstOrDefault(label => label.Key == name).Value;

    public bool Equals(NamedSeries? other) => other is not null && ProjectId == other.ProjectId && Id == other.Id;

    public override int GetHashCode() => HashCode.Combine(ProjectId, Id);
}

/// <summary>Names and labels as Prometheus spells them, with the limits every way in shares.</summary>
public static class SeriesLabels
{
    public const int MaxNameLength = 200;
    public const int MaxLabels = 30;
    public const int MaxLabelNameLength = 100;
    public const int MaxLabelValueLength = 256;

    /// <summary>A project keeps at most this many series; points of further series are refused.</summary>
    public const int MaxSeriesPerProject = 10_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A metric or label name in Prometheus's alphabet: every character outside <c>[a-zA-Z0-9_:]</c> (OTel's dots,
    /// dashes and slashes) becomes <c>_</c>, and a leading digit gets a <c>_</c> in front, so
    /// <c>http.server.request.duration</c> is <c>http_server_request_duration</c>. Label names lose <c>:</c> too.
    /// </summary>
    public static string Normalize(string name, bool isLabel = false)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var character in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character == '_' || character == ':' && !isLabel ? character : '_');
        }
        if (builder.Length > 0 && char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && !char.IsAsciiDigit(name[0]) && name.All(character => char.IsAsciiLetterOrDigit(character) || character is '_' or ':');

    /// <summary>Why a set of labels is refused, or null: too many, a name that is empty or too long, a value too long, a name twice.</summary>
    public static string? Problem(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        if (labels.Count > MaxLabels)
        {
            return $"{labels.Count} labels; a series has at most {MaxLabels}.";
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            if (name.Length is 0 or > MaxLabelNameLength || char.IsAsciiDigit(name[0]) || !name.All(character => char.IsAsciiLetterOrDigit(character) || character == '_'))
            {
                return $"label name '{Shorten(name)}' is not [a-zA-Z_][a-zA-Z0-9_]* of at most {MaxLabelNameLength} characters.";
            }
            if (value.Length > MaxLabelValueLength)
            {
                return $"label {name} is {value.Length} characters long; at most {MaxLabelValueLength}.";
            }
            if (!seen.Add(name))
            {
                return $"label {name} is given twice.";
            }
        }
        return null;
    }

    public static string ToJson(IReadOnlyList<KeyValuePair<string, string>> sortedLabels)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in sortedLabels)
            {
                writer.WriteString(name, value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static IReadOnlyList<KeyValuePair<string, string>> FromJson(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json)!.OrderBy(label => label.Key, StringComparer.Ordinal).ToList();

    /// <summary>The first 8 bytes of SHA-256 over the name and the canonical labels: stable across processes and engines.</summary>
    public static long IdOf(string name, string labelsJson)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + labelsJson), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
