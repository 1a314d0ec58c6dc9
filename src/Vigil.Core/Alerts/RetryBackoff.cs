namespace Vigil.Core.Alerts;

/// <summary>
/// When to try a failed notification again: exponential from <see cref="First"/>, capped at <see cref="Longest"/>,
/// with "equal jitter" (half the delay fixed, half random) so that many notifications failing together do not all
/// come back at the same instant, while none comes back much sooner than planned.
/// </summary>
public static class RetryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <param name="attempt">How many attempts have failed so far (1 after the first).</param>
    /// <param name="random">Uniform in [0, 1).</param>
    public static TimeSpan Delay(int attempt, double random)
    {
        var exponential = First.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, Longest.TotalSeconds);
        return TimeSpan.FromSeconds(capped / 2 + capped / 2 * random);
    }
}
