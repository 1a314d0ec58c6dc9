using System.Globalization;
using System.Text;
using Vigil.Core.Errors;

namespace Vigil.Dashboard;

/// <summary>A run of stack frames shown together: the team's own code, or a run of library frames folded away.</summary>
/// <param name="Folded">Library frames between in-app ones; a trace with no in-app frame at all folds nothing.</param>
internal sealed record FrameGroup(bool InApp, bool Folded, IReadOnlyList<ErrorFrame> Frames);

/// <summary>How issues are drawn: sparklines and stack traces, from what <see cref="Errors.IssueReader"/> returns.</summary>
internal static class IssueViews
{
    private const int HoursPerDay = 24;

    /// <summary>The CSV download of an issue's hourly counts over <paramref name="range"/>, which its sparkline draws.</summary>
    public static string CsvUrl(long projectId, string fingerprint, string range) =>
        $"/api/projects/{projectId}/issues/{Uri.EscapeDataString(fingerprint)}?range={range}&format=csv";

    /// <summary>
    /// The points of a sparkline: one per hour for a day, one per 24 hours beyond (168 hourly points in a 7-day
    /// sparkline a few centimetres wide would be noise). The hourly series ends with the hour under way, so each
    /// 24-hour point ends at the same hour of its day.
    /// </summary>
    public static IReadOnlyList<long> SparklineValues(IReadOnlyList<long> hourly)
    {
        ArgumentNullException.ThrowIfNull(hourly);
        if (hourly.Count <= HoursPerDay)
        {
            return hourly;
        }
        // A series that is not whole days long keeps its partial day at the start, where it matters least.
        var values = new List<long>();
        var end = hourly.Count;
        for (; end >= HoursPerDay; end -= HoursPerDay)
        {
            values.Add(Sum(hourly, end - HoursPerDay, end));
        }
        if (end > 0)
        {
            values.Add(Sum(hourly, 0, end));
        }
        values.Reverse();
        return values;
    }

    /// <summary>
    /// The frames innermost first, as Sentry shows them (the line that threw on top), with each run of library frames
    /// between the team's own frames folded into one group.
    /// </summary>
    public static IReadOnlyList<FrameGroup> StackGroups(IReadOnlyList<ErrorFrame> outermostFirst)
    {
        ArgumentNullException.ThrowIfNull(outermostFirst);
        var frames = outermostFirst.Reverse().ToList();
        var inApp = frames.Select(ErrorFrames.IsInApp).ToList();
        var anyInApp = inApp.Contains(true);
        var groups = new List<FrameGroup>();
        for (var start = 0; start < frames.Count;)
        {
            var end = start;
            while (end < frames.Count && inApp[end] == inApp[start])
            {
                end++;
            }
            groups.Add(new FrameGroup(inApp[start], Folded: anyInApp && !inApp[start], frames[start..end]));
            start = end;
        }
        return groups;
    }

    /// <summary>"file:line:column", as much of it as the frame has; the module when it has no file.</summary>
    public static string Location(ErrorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var place = frame.File ?? frame.Module ?? "";
        if (frame.Line is not { } line)
        {
            return place;
        }
        var position = frame.Column is { } column ? $"{line}:{column}" : line.ToString(CultureInfo.InvariantCulture);
        return place.Length == 0 ? position : $"{place}:{position}";
    }

    private static long Sum(IReadOnlyList<long> values, int from, int to)
    {
        long sum = 0;
        for (var index = from; index < to; index++)
        {
            sum += values[index];
        }
        return sum;
    }
}
