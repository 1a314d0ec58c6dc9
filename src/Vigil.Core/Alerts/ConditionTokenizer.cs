namespace Vigil.Core.Alerts;

internal enum ConditionTokenKind
{
    Identifier,
    Number,
    String,
    Operator,
    Equals,
    Percent,
    Comma,
    OpenParenthesis,
    CloseParenthesis,
    OpenBrace,
    CloseBrace,

    /// <summary>The text between <c>[</c> and <c>]</c>; its offset is the first character inside the brackets.</summary>
    Window,
    End,
}

/// <param name="Offset">Zero-based position of the token's first character in the condition text.</param>
internal readonly record struct ConditionToken(ConditionTokenKind Kind, string Text, int Offset)
{
    public int End => Offset + Text.Length;
}

/// <summary>Thrown inside the condition parser at the first error it cannot read past.</summary>
internal sealed class ConditionSyntaxException(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}

internal static class ConditionTokenizer
{
    /// <summary>Splits a condition into tokens ending with <see cref="ConditionTokenKind.End"/>.</summary>
    /// <exception cref="ConditionSyntaxException">At the first character no token can start with.</exception>
    public static IReadOnlyList<ConditionToken> Tokenize(string text)
    {
        var tokens = new List<ConditionToken>();
        var index = 0;
        while (index < text.Length)
        {
            var character = text[index];
            if (char.IsWhiteSpace(character))
            {
                index++;
                continue;
            }
            var token = character switch
            {
                _ when char.IsAsciiLetter(character) || character == '_' => ReadIdentifier(text, index),
                _ when char.IsAsciiDigit(character) => ReadNumber(text, index),
                '"' or '\'' => ReadString(text, index),
                '[' => ReadWindow(text, index),
                '>' or '<' or '=' or '!' => ReadOperator(text, index),
                '%' => new ConditionToken(ConditionTokenKind.Percent, "%", index),
                ',' => new ConditionToken(ConditionTokenKind.Comma, ",", index),
                '(' => new ConditionToken(ConditionTokenKind.OpenParenthesis, "(", index),
                ')' => new ConditionToken(ConditionTokenKind.CloseParenthesis, ")", index),
                '{' => new ConditionToken(ConditionTokenKind.OpenBrace, "{", index),
                '}' => new ConditionToken(ConditionTokenKind.CloseBrace, "}", index),
                _ => throw new ConditionSyntaxException(index, $"unexpected character '{character}'"),
            };
            tokens.Add(token);
            // A window token holds only what is inside its brackets, so its closing bracket is skipped separately.
            index = token.Kind == ConditionTokenKind.Window ? token.End + 1 : token.End;
        }
        tokens.Add(new ConditionToken(ConditionTokenKind.End, "", text.Length));
        return tokens;
    }

    private static ConditionToken ReadIdentifier(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }
        return new ConditionToken(ConditionTokenKind.Identifier, text[start..end], start);
    }

    private static ConditionToken ReadNumber(string text, int start)
    {
        var end = SkipDigits(text, start);
        if (end < text.Length && text[end] == '.')
        {
            var fractionEnd = SkipDigits(text, end + 1);
            if (fractionEnd == end + 1)
            {
                throw new ConditionSyntaxException(end, "a decimal point needs digits after it, e.g. 99.9");
            }
            end = fractionEnd;
        }
        if (end + 1 < text.Length && text[end] == ',' && char.IsAsciiDigit(text[end + 1]))
        {
            throw new ConditionSyntaxException(end, $"numbers take no thousands separators; write {text[start..end]}{text[(end + 1)..SkipDigits(text, end + 1)]}");
        }
        return new ConditionToken(ConditionTokenKind.Number, text[start..end], start);
    }

    private static int SkipDigits(string text, int index)
    {
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }
        return index;
    }

    private static ConditionToken ReadString(string text, int start)
    {
        var close = text.IndexOf(text[start], start + 1);
        if (close < 0)
        {
            throw new ConditionSyntaxException(start, $"unclosed string: add the closing {text[start]}");
        }
        return new ConditionToken(ConditionTokenKind.String, text[start..(close + 1)], start);
    }

    private static ConditionToken ReadWindow(string text, int start)
    {
        var close = text.IndexOf(']', start + 1);
        if (close < 0)
        {
            throw new ConditionSyntaxException(start, "unclosed '[': a window reads e.g. [15m]");
        }
        return new ConditionToken(ConditionTokenKind.Window, text[(start + 1)..close], start + 1);
    }

    private static ConditionToken ReadOperator(string text, int start)
    {
        // =~ and !~ are label matchers, read as operators so the parser can say where they belong.
        var twoCharacters = start + 1 < text.Length && (text[start + 1] == '=' || text[start + 1] == '~' && text[start] is '=' or '!');
        return (text[start], twoCharacters) switch
        {
            (_, true) => new ConditionToken(ConditionTokenKind.Operator, text.Substring(start, 2), start),
            ('=', false) => new ConditionToken(ConditionTokenKind.Equals, "=", start),
            ('!', false) => throw new ConditionSyntaxException(start, "unexpected '!'; 'not equal' is written !="),
            _ => new ConditionToken(ConditionTokenKind.Operator, text.Substring(start, 1), start),
        };
    }
}
