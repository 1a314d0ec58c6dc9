using System.Globalization;
using System.Text;

namespace Vigil.Storage.ClickHouse;

/// <summary>
/// Literals for SQL sent over HTTP. ClickHouse 18.16 has no query parameters, so every value is written into the
/// statement through these, and nothing else is.
/// </summary>
internal static class ClickHouseSql
{
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var character in value)
        {
            switch (character)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\'': builder.Append(@"\'"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                case '\0': builder.Append(@"\0"); break;
                default: builder.Append(character); break;
            }
        }
        return builder.Append('\'').ToString();
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A DateTime literal from Unix seconds, free of the server's time zone.</summary>
    public static string Time(DateTimeOffset instant) => $"toDateTime({instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)})";

    public static string Date(DateOnly date) => $"toDate('{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}')";

    public static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 64 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(character => char.IsAsciiLetterOrDigit(character) || character == '_');

    /// <summary>Reverses TabSeparated escaping of one field.</summary>
    public static string Unescape(ReadOnlySpan<char> field)
    {
        if (field.IndexOf('\\') < 0)
        {
            return field.ToString();
        }
        var builder = new StringBuilder(field.Length);
        for (var index = 0; index < field.Length; index++)
        {
            if (field[index] != '\\' || index + 1 == field.Length)
            {
                builder.Append(field[index]);
                continue;
            }
            index++;
            builder.Append(field[index] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                'b' => '\b',
                'f' => '\f',
                var other => other,
            });
        }
        return builder.ToString();
    }
}
