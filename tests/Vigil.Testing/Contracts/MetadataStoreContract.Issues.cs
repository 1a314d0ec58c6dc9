using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>The issue half of the metadata store: new issues, regressions, status.</summary>
public abstract partial class MetadataStoreContract
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private async Task<(IErrorIssueStore Store, long ProjectId)> CreateIssueStoreAsync()
    {
        var store = await CreateStoreAsync();
        var project = await store.CreateProjectAsync("Shop", "Asia/Seoul", None);
        return ((IErrorIssueStore)store, project.Id);
    }

    private static IssueSighting Sighting(string fingerprint, DateTimeOffset first, DateTimeOffset? last = null) =>
        new(fingerprint, $"TypeError: {fingerprint}", "placeOrder (orders.js)", first, last ?? first);

    [Fact]
    public async Task RecordSightingsAsync_FirstThenAgain_NewThenKnownWithTheSeenRangeWidened()
    {
        var (store, projectId) = await CreateIssueStoreAsync();

        var first = await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon, Noon.AddMinutes(1))], None);
        var again = await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon.AddMinutes(-5), Noon.AddMinutes(9))], None);

        Assert.Equal(SightingOutcome.New, first["aaaa"]);
        Assert.Equal(SightingOutcome.Known, again["aaaa"]);
        Assert.Equal(
            new ErrorIssue(projectId, "aaaa", "TypeError: aaaa", "placeOrder (orders.js)", IssueStatus.Open, Noon.AddMinutes(-5), Noon.AddMinutes(9), null, null, 0),
            await store.FindIssueAsync(projectId, "aaaa", None));
    }

    [Fact]
    public async Task RecordSightingsAsync_ResolvedIssueHappensAgainAfterwards_ReopensOnceAsARegression()
    {
        var (store, projectId) = await CreateIssueStoreAsync();
        await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon)], None);
        Assert.True(await store.SetIssueStatusAsync(projectId, "aaaa", IssueStatus.Resolved, Noon.AddHours(1), None));

        var late = await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon.AddMinutes(30))], None);
        var after = await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon.AddHours(2))], None);
        var retried = await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon.AddHours(2))], None);

        Assert.Equal(SightingOutcome.Known, late["aaaa"]);
        Assert.Equal(SightingOutcome.Regression, after["aaaa"]);
        Assert.Equal(SightingOutcome.Known, retried["aaaa"]);
        var issue = await store.FindIssueAsync(projectId, "aaaa", None);
        Assert.Equal((IssueStatus.Open, Noon.AddHours(2), 1L), (issue!.Status, issue.RegressedAt, issue.Regressions));
    }

    [Fact]
    public async Task RecordSightingsAsync_IgnoredIssueHappensAgain_StaysIgnored()
    {
        var (store, projectId) = await CreateIssueStoreAsync();
        await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon)], None);
        await store.SetIssueStatusAsync(projectId, "aaaa", IssueStatus.Ignored, Noon.AddMinutes(1), None);

        var outcome = await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon.AddHours(3))], None);

        Assert.Equal(SightingOutcome.Known, outcome["aaaa"]);
        var issue = await store.FindIssueAsync(projectId, "aaaa", None);
        Assert.Equal((IssueStatus.Ignored, (DateTimeOffset?)null, Noon.AddHours(3)), (issue!.Status, issue.ResolvedAt, issue.LastSeen));
    }

    [Fact]
    public async Task ListIssuesAsync_ByStatus_MostRecentlySeenFirst()
    {
        var (store, projectId) = await CreateIssueStoreAsync();
        await store.RecordSightingsAsync(projectId, [Sighting("aaaa", Noon), Sighting("bbbb", Noon.AddMinutes(5)), Sighting("cccc", Noon.AddMinutes(2))], None);
        await store.SetIssueStatusAsync(projectId, "cccc", IssueStatus.Resolved, Noon.AddMinutes(3), None);

        var open = await store.ListIssuesAsync(projectId, IssueStatus.Open, None);
        var all = await store.ListIssuesAsync(projectId, null, None);

        Assert.Equal(["bbbb", "aaaa"], open.Select(issue => issue.Fingerprint));
        Assert.Equal(["bbbb", "cccc", "aaaa"], all.Select(issue => issue.Fingerprint));
        Assert.Equal(Noon.AddMinutes(3), all[1].ResolvedAt);
        Assert.False(await store.SetIssueStatusAsync(projectId, "dddd", IssueStatus.Resolved, Noon, None));
    }

    [Fact]
    public async Task CountIssueChangesAsync_NewAndRegressedWithinTheRange_PerProject()
    {
        var (store, projectId) = await CreateIssueStoreAsync();
        var other = (await ((IMetadataStore)store).CreateProjectAsync("Blog", "UTC", None)).Id;
        await store.RecordSightingsAsync(projectId, [Sighting("old", Noon.AddHours(-2)), Sighting("new", Noon.AddMinutes(1))], None);
        await store.SetIssueStatusAsync(projectId, "old", IssueStatus.Resolved, Noon.AddHours(-1), None);
        await store.RecordSightingsAsync(projectId, [Sighting("old", Noon.AddMinutes(2))], None);
        await store.RecordSightingsAsync(other, [Sighting("edge", Noon.AddMinutes(5))], None);

        var changes = await store.CountIssueChangesAsync([projectId, other], Noon, Noon.AddMinutes(5), None);

        Assert.Equal(new Dictionary<long, IssueChanges> { [projectId] = new(1, 1) }, changes);
    }
}
