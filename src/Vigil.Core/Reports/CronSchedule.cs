using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Vigil.Core.Reports;

/// <summary>
/// A five-field cron expression (minute, hour, day of month, month, day of week) read in a time zone. Fields take
/// <c>*</c>, numbers, ranges <c>a-b</c>, lists <c>a,b</c> and steps <c>*/n</c> or <c>a-b/n</c>; day of week is 0–7
/// with 0 and 7 Sunday. As in Vixie cron, when both day fields are restricted a day matching either one matches.
/// Across daylight-saving changes: a local time the clocks skip fires at the first instant after the gap, and a local
/// time they repeat fires once, at its first occurrence.
/// </summary>
public sealed class CronSchedule
{
    /// <summary>No valid five-field expression goes longer without firing (Feb 29 on a given weekday recurs within 28 years).</summary>
    private const int SearchDays = 366 * 29;

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;
    private readonly bool _dayOfMonthRestricted;
    private readonly bool _dayOfWeekRestricted;

    private CronSchedule(string text, bool[][] fields, bool dayOfMonthRestricted, bool dayOfWeekRestricted)
    {
        Text = text;
        (_minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        _dayOfMonthRestricted = dayOfMonthRestricted;
        _dayOfWeekRestricted = dayOfWeekRestricted;
    }

    public string Text { get; }

    private static readonly (string Name, int Min, int Max)[] Fields =
        [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7)];

    public static bool TryParse(string? text, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length)
        {
            error = $"a cron expression has five fields (minute hour day-of-month month day-of-week), e.g. \"0 9 * * *\"; '{text}' has {parts.Length}";
            return false;
        }
        var fields = new bool[Fields.Length][];
        for (var index = 0; index < Fields.Length; index++)
        {
            var (name, min, max) = Fields[index];
            if (ParseField(parts[index], min, max) is not { } values)
            {
                error = $"the {name} field '{parts[index]}' is not valid: use *, {min}-{max}, ranges a-b, lists a,b or steps */n";
                return false;
            }
            fields[index] = values;
        }
        // 7 is Sunday too.
        fields[4][0] |= fields[4][7];
        schedule = new CronSchedule(string.Join(' ', parts), fields, !parts[2].StartsWith('*'), !parts[4].StartsWith('*'));
        error = null;
        return true;
    }

    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var error) ? schedule : throw new FormatException(error);

    /// <summary>The first firing strictly after <paramref name="after"/>, in UTC; null when none comes within 29 years (e.g. "0 0 31 2 *").</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        var startDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        // The day before too: where the clocks skip midnight, a time skipped late on it fires early on the next date.
        for (var date = startDate.AddDays(-1); date.DayNumber <= startDate.DayNumber + SearchDays; date = date.AddDays(1))
        {
            if (!MatchesDay(date))
            {
                continue;
            }
            for (var hour = 0; hour < 24; hour++)
            {
                if (!_hours[hour])
                {
                    continue;
                }
                for (var minute = 0; minute < 60; minute++)
                {
                    if (_minutes[minute] && Instant(date, hour, minute, zone) is var instant && instant > after)
                    {
                        return instant;
                    }
                }
            }
        }
        return null;
    }

    /// <summary>The last firing at or before <paramref name="atOrBefore"/>, looking back at most <paramref name="lookBack"/>.</summary>
    public DateTimeOffset? Previous(DateTimeOffset atOrBefore, TimeZoneInfo zone, TimeSpan lookBack)
    {
        DateTimeOffset? last = null;
        for (var next = Next(atOrBefore - lookBack, zone); next is { } firing && firing <= atOrBefore; next = Next(firing, zone))
        {
            last = firing;
        }
        return last;
    }

    public override string ToString() => Text;

    private bool MatchesDay(DateOnly date)
    {
        if (!_months[date.Month])
        {
            return false;
        }
        var dayOfMonth = _daysOfMonth[date.Day];
        var dayOfWeek = _daysOfWeek[(int)date.DayOfWeek];
        return _dayOfMonthRestricted && _dayOfWeekRestricted ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private static DateTimeOffset Instant(DateOnly date, int hour, int minute, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward gap: fire when the clocks resume, at the first valid minute after it.
            do
            {
                local = local.AddMinutes(1);
            }
            while (zone.IsInvalidTime(local));
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }
        // Repeated by a fall-back: the first occurrence, under the larger (summer) offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static bool[]? ParseField(string field, int min, int max)
    {
        var values = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var (range, step) = item.Split('/') switch
            {
                [var only] => (only, 1),
                [var head, var tail] when int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (head, n),
                _ => ("", 0),
            };
            if (step == 0)
            {
                return null;
            }
            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var low, var high] && Number(low, min, max) is { } a && Number(high, min, max) is { } b && a <= b)
            {
                (from, to) = (a, b);
            }
            else if (Number(range, min, max) is { } single)
            {
                // "5/15" means from 5 to the end in steps of 15, as in Vixie cron.
                (from, to) = (single, item.Contains('/') ? max : single);
            }
            else
            {
                return null;
            }
            for (var value = from; value <= to; value += step)
            {
                values[value] = true;
            }
        }
        return values;
    }

    private static int? Number(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;
}
