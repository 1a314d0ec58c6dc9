namespace Vigil.Storage.ClickHouse.Tests;

internal static class SpoolShipping
{
    /// <summary>Ships the store's spool until it is empty, so that what was written can be read.</summary>
    public static async Task ShipAllAsync(ClickHouseTelemetryStore store)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var shipping = store.ShipAsync(stop.Token);
        while (store.SpoolStatus.PendingBytes > 0 && !stop.IsCancellationRequested)
        {
            await Task.Delay(10);
        }
        await stop.CancelAsync();
        await shipping;
        Assert.Equal(0, store.SpoolStatus.PendingBytes);
    }
}
