namespace Vigil.Core.Feedback;

public enum NpsGroup
{
    Detractor,
    Passive,
    Promoter,
}

public enum NpsTrendStep
{
    /// <summary>ISO weeks, Monday to Monday, in UTC.</summary>
    Week,

    /// <summary>Calendar months in UTC.</summary>
    Month,
}

/// <param name="Score">100 × (promoters − detractors) ÷ responses, from −100 to 100; null without responses.</param>
public sealed record NpsCounts(int Promoters, int Passives, int Detractors)
{
    public int Responses => Promoters + Passives + Detractors;

    public double? Score => Responses == 0 ? null : 100.0 * (Promoters - Detractors) / Responses;
}

public sealed record NpsTrendPoint(DateTimeOffset Start, NpsCounts Counts);

/// <summary>
/// Net Promoter Score: promoters answer 9–10, passives 7–8, detractors 0–6; NPS = % promoters − % detractors, with
/// passives counted in the whole.
/// </summary>
public static class NetPromoterScore
{
    public const int MinScore = 0;

    public const int MaxScore = 10;

    public static NpsGroup GroupOf(int score) => score switch
    {
        >= 9 => NpsGroup.Promoter,
        >= 7 => NpsGroup.Passive,
        _ => NpsGroup.Detractor,
    };

    public static NpsCounts Count(IEnumerable<int> scores)
    {
        int promoters = 0, passives = 0, detractors = 0;
        foreach (var score in scores)
        {
            switch (GroupOf(score))
            {
                case NpsGroup.Promoter:
                    promoters++;
                    break;
                case NpsGroup.Passive:
                    passives++;
                    break;
                default:
                    detractors++;
                    break;
            }
        }
        return new NpsCounts(promoters, passives, detractors);
    }

    /// <summary>
    /// The counts of every week or month that overlaps [<paramref name="from"/>, <paramref name="to"/>), oldest first,
    /// empty periods included (their score is null), so a chart shows the gaps.
    /// </summary>
    public static IReadOnlyList<NpsTrendPoint> Trend(IEnumerable<NpsResponse> responses, DateTimeOffset from, DateTimeOffset to, NpsTrendStep step)
    {
        var byPeriod = responses
            .Where(response => response.CreatedAt >= from && response.CreatedAt < to)
            .GroupBy(response => PeriodStart(response.CreatedAt, step))
            .ToDictionary(group => group.Key, group => Count(group.Select(response => response.Score)));
        var points = new List<NpsTrendPoint>();
        for (var start = PeriodStart(from, step); start < to; start = Next(start, step))
        {
            points.Add(new NpsTrendPoint(start, byPeriod.GetValueOrDefault(start) ?? new NpsCounts(0, 0, 0)));
        }
        return points;
    }

    public static DateTimeOffset PeriodStart(DateTimeOffset at, NpsTrendStep step)
    {
        var utc = at.ToUniversalTime();
        if (step == NpsTrendStep.Month)
        {
            return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        }
        var daysSinceMonday = ((int)utc.DayOfWeek + 6) % 7;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-daysSinceMonday);
    }

    private static DateTimeOffset Next(DateTimeOffset start, NpsTrendStep step) => step == NpsTrendStep.Month ? start.AddMonths(1) : start.AddDays(7);
}
