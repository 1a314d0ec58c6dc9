using Vigil.Core.Experiments;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>Experiment definitions in the metadata store.</summary>
public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task Experiments_DraftEditedStartedAndStoppedPerProject()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "UTC", None);
        var blog = await store.CreateProjectAsync("Blog", "UTC", None);
        var experiments = (IExperimentStore)store;

        var added = await experiments.AddExperimentAsync(SomeExperiment(shop.Id, "checkout-button"), None);
        var other = await experiments.AddExperimentAsync(SomeExperiment(blog.Id, "checkout-button"), None);
        Assert.Null(await experiments.AddExperimentAsync(SomeExperiment(shop.Id, "checkout-button") with { Name = "Twice" }, None));

        Assert.NotNull(added);
        Assert.NotNull(other);
        Assert.Equal(Time.GetUtcNow(), added.CreatedAt);
        var edited = added with
        {
            Name = "결제 버튼 색",
            Hypothesis = null,
            Variants = [new("control", 1), new("green", 1), new("blue", 0.5)],
            GoalEvent = "purchase",
            Design = new ExperimentDesign(ExperimentMethod.Sequential, 0.01, 0.9, 0.2, 0.05),
        };
        Assert.True(await experiments.UpdateDraftAsync(edited, None));
        AssertSame(edited, await experiments.FindExperimentAsync(shop.Id, "checkout-button", None));

        var started = Time.GetUtcNow().AddHours(1);
        Assert.False(await experiments.StopExperimentAsync(shop.Id, "checkout-button", started, new ExperimentDecision("green", null), None));
        Assert.True(await experiments.StartExperimentAsync(shop.Id, "checkout-button", started, None));
        Assert.False(await experiments.StartExperimentAsync(shop.Id, "checkout-button", started, None));
        Assert.False(await experiments.UpdateDraftAsync(edited with { Name = "Too late" }, None));
        var stopped = started.AddDays(14);
        Assert.True(await experiments.StopExperimentAsync(shop.Id, "checkout-button", stopped, new ExperimentDecision("green", "초록이 12 % 더 전환"), None));
        Assert.False(await experiments.StopExperimentAsync(shop.Id, "checkout-button", stopped, new ExperimentDecision("blue", null), None));

        AssertSame(
            edited with { Status = ExperimentStatus.Stopped, StartedAt = started, StoppedAt = stopped, Decision = new ExperimentDecision("green", "초록이 12 % 더 전환") },
            Assert.Single(await experiments.ListExperimentsAsync(shop.Id, None)));
        AssertSame(other, Assert.Single(await experiments.ListExperimentsAsync(blog.Id, None)));
        Assert.Null(await experiments.FindExperimentAsync(shop.Id, "pricing", None));
    }

    private static Experiment SomeExperiment(long projectId, string key) => new(
        0, projectId, key, "Checkout button", "A green button gets more orders", [new("control", 50), new("green", 50)], "order",
        new ExperimentDesign(ExperimentMethod.FixedHorizon, 0.05, 0.8, 0.04, 0.1), ExperimentStatus.Draft, default, null, null, null);

    /// <summary>Records holding lists compare those by reference; this compares them by their items.</summary>
    private static void AssertSame(Experiment expected, Experiment? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Variants, actual.Variants);
        Assert.Equal(expected, actual with { Variants = expected.Variants });
    }
}
