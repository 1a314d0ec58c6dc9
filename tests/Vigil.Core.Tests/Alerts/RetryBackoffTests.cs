using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 0.0, 5)]
    [InlineData(1, 0.999999, 10)]
    [InlineData(2, 0.0, 10)]
    [InlineData(3, 0.5, 30)]
    [InlineData(10, 0.0, 1800)]
    [InlineData(50, 0.0, 1800)]
    public void Delay_DoublesPerAttemptWithinHalfJitter_CappedAtAnHour(int attempt, double random, double expectedSeconds)
    {
        Assert.Equal(expectedSeconds, RetryBackoff.Delay(attempt, random).TotalSeconds, 3);
    }

    [Fact]
    public void Delay_OverADay_LeavesRoomForDozensOfAttempts()
    {
        var elapsed = TimeSpan.Zero;
        var attempts = 0;
        while (elapsed < TimeSpan.FromHours(24))
        {
            elapsed += RetryBackoff.Delay(++attempts, 1.0);
        }

        Assert.InRange(attempts, 25, 40);
    }
}
