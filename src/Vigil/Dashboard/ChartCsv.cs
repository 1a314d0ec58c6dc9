using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Hosting;

namespace Vigil.Dashboard;

/// <summary>A chart's data as a table: one column per axis or series, one row per point or slice.</summary>
internal sealed record ChartTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// The CSV download of any chart: a chart's data endpoint answers its JSON, or this table of the same numbers when
/// asked with <c>format=csv</c> or <c>Accept: text/csv</c>. RFC 4180 (CRLF, fields with a comma, quote or line
/// break quoted), UTF-8 with a byte order mark so that Excel reads Korean text as such.
/// </summary>
internal static class ChartCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true };

    /// <summary>Whether the request asks for CSV; a format other than json or csv is the caller's 400, see <see cref="CheckFormat"/>.</summary>
    public static bool IsRequested(string? format, HttpRequest request) =>
        format == "csv" || (format is null && request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)));

    public static ProblemHttpResult? CheckFormat(string? format) =>
        format is null or "json" or "csv" ? null : ApiProblems.BadRequest("format", "format must be json (the default) or csv.");

    public static byte[] Write(ChartTable table)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteRecord(table.Columns.ToArray());
            foreach (var row in table.Rows)
            {
                csv.WriteRecord(row.Select(Field).ToArray());
            }
        }
        return stream.ToArray();
    }

    /// <summary>The table as a download named <paramref name="fileName"/>.csv.</summary>
    public static FileContentHttpResult File(ChartTable table, string fileName) =>
        TypedResults.File(Write(table), ContentType, fileName + ".csv");

    /// <summary>Numbers and true/false as JSON writes them (invariant, full precision), instants with their offset, nothing for no value.</summary>
    private static string Field(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
