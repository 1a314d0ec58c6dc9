using System.Globalization;

namespace Vigil.Core.Logs;

/// <summary>A word or a quoted phrase of a log search; a word ending in <c>*</c> is a prefix.</summary>
public sealed record LogSearchTerm(string Text, bool IsPhrase = false, bool IsPrefix = false);

/// <summary>Where a page of logs ended: lines older than this (time, then id) come next.</summary>
public readonly record struct LogCursor(long TimeMs, ulong Id)
{
    public static LogCursor Of(StoredLog log) => new(log.Record.Timestamp.ToUnixTimeMilliseconds(), log.Id);

    /// <summary>"time.id": Unix milliseconds and the id, as <see cref="ToString"/> writes it.</summary>
    public static LogCursor? Parse(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new LogCursor(time, id)
                : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TimeMs}.{Id}");
}

/// <summary>
/// A log search: every term (ANDed), at least <see cref="MinLevel"/>, in [From, To), of one trace, with every attribute
/// pair; newest first (time, then id), <see cref="Limit"/> lines older than <see cref="Before"/>.
/// </summary>
public sealed record LogQuery(
    long ProjectId,
    IReadOnlyList<LogSearchTerm> Terms,
    LogSeverity? MinLevel,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? TraceId,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    int Limit,
    LogCursor? Before)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static LogQuery Newest(long projectId, int limit = DefaultLimit) => new(projectId, [], null, null, null, null, [], limit, null);

    /// <summary>The same search, not reaching before the project's retention: expired lines never show, deleted yet or not.</summary>
    public LogQuery WithinRetention(DateTimeOffset now, int retentionDays)
    {
        var oldest = now.AddDays(-retentionDays);
        return From is { } from && from >= oldest ? this : this with { From = oldest };
    }
}

/// <summary>One page of a search, and the cursor of the next when there is one.</summary>
public sealed record LogPage(IReadOnlyList<StoredLog> Logs, LogCursor? Next)
{
    /// <summary>Stores read one line more than the limit; when it is there, another page follows.</summary>
    public static LogPage From(IReadOnlyList<StoredLog> rows, int limit) =>
        rows.Count > limit ? new LogPage(rows.Take(limit).ToList(), LogCursor.Of(rows[limit - 1])) : new LogPage(rows, null);
}

/// <summary>The search's parameters as they came in (query string or form).</summary>
public sealed record LogSearchParameters(
    string? Q = null,
    string? Level = null,
    string? From = null,
    string? To = null,
    string? TraceId = null,
    IReadOnlyList<string>? Attributes = null,
    string? Limit = null,
    string? Before = null);

/// <summary>A search parameter that does not parse: its name and why.</summary>
public sealed record LogQueryProblem(string Field, string Detail);

/// <summary>Reads a log search from its parameters (README "Logs": search syntax).</summary>
public static class LogQueryParser
{
    public const int MaxTerms = 16;
    public const int MaxTermLength = 200;
    public const int MaxAttributeFilters = 16;

    public static (LogQuery? Query, LogQueryProblem? Problem) Parse(long projectId, LogSearchParameters parameters)
    {
        if (ParseText(parameters.Q) is var (terms, textProblem) && textProblem is not null)
        {
            return (null, new LogQueryProblem("q", textProblem));
        }
        LogSeverity? level = null;
        if (!string.IsNullOrWhiteSpace(parameters.Level))
        {
            level = LogSeverities.FromText(parameters.Level);
            if (level is null)
            {
                return (null, new LogQueryProblem("level", $"level must be one of {string.Join(", ", LogSeverities.Names)}, not '{parameters.Level}'."));
            }
        }
        if (!TryInstant(parameters.From, out var from))
        {
            return (null, new LogQueryProblem("from", $"'{parameters.From}' is not an ISO-8601 date and time."));
        }
        if (!TryInstant(parameters.To, out var to))
        {
            return (null, new LogQueryProblem("to", $"'{parameters.To}' is not an ISO-8601 date and time."));
        }
        if (from is not null && to is not null && from >= to)
        {
            return (null, new LogQueryProblem("from", "from must be before to."));
        }
        string? traceId = null;
        if (!string.IsNullOrWhiteSpace(parameters.TraceId))
        {
            traceId = parameters.TraceId.Trim().ToLowerInvariant();
            if (!LogJsonParser.IsHexId(traceId, LogLimits.TraceIdHexLength))
            {
                return (null, new LogQueryProblem("trace_id", "trace_id must be 32 hexadecimal digits (a W3C trace id)."));
            }
        }
        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var attribute in (parameters.Attributes ?? []).Where(attribute => !string.IsNullOrWhiteSpace(attribute)))
        {
            var separator = attribute.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0)
            {
                return (null, new LogQueryProblem("attr", $"attr must be key:value, not '{attribute}'."));
            }
            attributes.Add(new(attribute[..separator].Trim(), attribute[(separator + 1)..].Trim()));
        }
        if (attributes.Count > MaxAttributeFilters)
        {
            return (null, new LogQueryProblem("attr", $"At most {MaxAttributeFilters} attr filters."));
        }
        var limit = LogQuery.DefaultLimit;
        if (!string.IsNullOrWhiteSpace(parameters.Limit)
            && (!int.TryParse(parameters.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > LogQuery.MaxLimit))
        {
            return (null, new LogQueryProblem("limit", $"limit must be a whole number from 1 to {LogQuery.MaxLimit}."));
        }
        LogCursor? before = null;
        if (!string.IsNullOrWhiteSpace(parameters.Before))
        {
            before = LogCursor.Parse(parameters.Before.Trim());
            if (before is null)
            {
                return (null, new LogQueryProblem("before", "before must be the cursor a previous page answered (next)."));
            }
        }
        return (new LogQuery(projectId, terms, level, from, to, traceId, attributes, limit, before), null);
    }

    /// <summary>
    /// Words and "quoted phrases", every one required. A word ending in <c>*</c> is a prefix. Each must hold a letter or
    /// a digit: punctuation alone matches nothing useful, and the full-text index does not see it.
    /// </summary>
    public static (IReadOnlyList<LogSearchTerm> Terms, string? Problem) ParseText(string? q)
    {
        var terms = new List<LogSearchTerm>();
        var text = q ?? "";
        var at = 0;
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]))
            {
                at++;
                continue;
            }
            LogSearchTerm term;
            if (text[at] == '"')
            {
                var end = text.IndexOf('"', at + 1);
                if (end < 0)
                {
                    return ([], "A quoted phrase is not closed: add the closing \".");
                }
                term = new LogSearchTerm(text[(at + 1)..end].Trim(), IsPhrase: true);
                at = end + 1;
            }
            else
            {
                var end = at;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
                {
                    end++;
                }
                var word = text[at..end];
                term = word.Length > 1 && word.EndsWith('*') ? new LogSearchTerm(word.TrimEnd('*'), IsPrefix: true) : new LogSearchTerm(word);
                at = end;
            }
            if (!term.Text.Any(char.IsLetterOrDigit))
            {
                return ([], $"'{term.Text}' has no letter or digit to search for.");
            }
            if (term.Text.Length > MaxTermLength)
            {
                return ([], $"A word or phrase may be at most {MaxTermLength} characters.");
            }
            terms.Add(term);
        }
        return terms.Count > MaxTerms ? ([], $"At most {MaxTerms} words and phrases.") : (terms, null);
    }

    private static bool TryInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            instant = parsed.ToUniversalTime();
            return true;
        }
        return false;
    }
}
