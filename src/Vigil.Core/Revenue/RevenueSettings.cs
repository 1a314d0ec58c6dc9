namespace Vigil.Core.Revenue;

/// <summary>
/// Which numeric property of the project's order event is its revenue, and in which currency (ISO 4217). An order
/// without that property, or with a value that is not a number or a numeric string, counts as an order of 0.
/// </summary>
public sealed record RevenueSettings(string Property, string Currency)
{
    public const int MaxPropertyLength = 200;

    public static RevenueSettings Default { get; } = new("amount", "KRW");

    /// <summary>The field at fault and why, or null when the settings may be stored.</summary>
    public static (string Field, string Reason)? Check(string? property, string? currency)
    {
        if (!IsPropertyName(property))
        {
            return ("property", $"property must be the name (1–{MaxPropertyLength} characters, no quotes or backslashes) of a top-level numeric property of the order event, e.g. amount.");
        }
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            return ("currency", "currency must be an ISO 4217 code of three capital letters, e.g. KRW or USD.");
        }
        return null;
    }

    /// <summary>
    /// A top-level property name the stores can look up: 1–200 characters without quotes, backslashes or control
    /// characters, which JSON would escape and ClickHouse's visitParam* would then not find as written.
    /// </summary>
    public static bool IsPropertyName(string? name) =>
        name is { Length: > 0 and <= MaxPropertyLength } && !string.IsNullOrWhiteSpace(name) && !name.Any(character => character is '"' or '\\' || char.IsControl(character));

    /// <summary>The sign shown before amounts: ₩ for KRW, and the code itself for a currency without a well-known one.</summary>
    public string Symbol => Currency switch
    {
        "KRW" => "₩",
        "USD" => "$",
        "EUR" => "€",
        "JPY" => "¥",
        "GBP" => "£",
        _ => Currency + " ",
    };

    /// <summary>Won and yen have no minor unit in use; other currencies show cents.</summary>
    public int Decimals => Currency is "KRW" or "JPY" ? 0 : 2;
}
