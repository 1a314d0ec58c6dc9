namespace Vigil.Tests.Support;

/// <summary>
/// Tests that load the machine (Chromium, a second server process under a write storm) share one xunit collection,
/// so they run one after another: on two cores, running them side by side starved the browser past its timeouts.
/// </summary>
public static class Heavy
{
    public const string Collection = "Heavy";
}
