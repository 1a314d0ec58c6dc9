using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Experiments;
using Vigil.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Experiments;

/// <summary>An experiment's life over HTTP on a real server of each backend: defined, started, exposed through the ingest API and the server assignment, read, stopped.</summary>
public abstract class ExperimentApiTests(Backend backend) : ServerTests(backend, Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    protected string Experiments => $"api/projects/{Server.ProjectId}/experiments";

    protected static object Definition(string key = "checkout", string method = "fixed_horizon") => new
    {
        key,
        name = "Green checkout button",
        hypothesis = "A green button gets more orders",
        variants = new[] { new { name = "control", weight = 1.0 }, new { name = "green", weight = 1.0 } },
        goalEvent = "order",
        method,
        baselineRate = 0.1,
        minimumDetectableLift = 0.5,
    };

    [Fact]
    public async Task Experiment_DefinedStartedExposedAndStopped_ResultsCountFirstExposuresAndLaterGoals()
    {
        using (var created = await Admin.PostAsync(Experiments, Json.Body(Definition())))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal($"/{Experiments}/checkout", created.Headers.Location!.OriginalString);
        }
        using (var edited = await Admin.PutAsync($"{Experiments}/checkout", Json.Body(Definition())))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }
        using (var draftResults = await Admin.GetAsync($"{Experiments}/checkout/results"))
        {
            await Json.AssertProblemAsync(draftResults, 409, "status");
        }
        using (var started = await Admin.PostAsync($"{Experiments}/checkout/start", null))
        {
            Assert.Equal("running", (string?)(await started.ReadAsync())["status"]);
        }
        using (var tooLate = await Admin.PutAsync($"{Experiments}/checkout", Json.Body(Definition())))
        {
            await Json.AssertProblemAsync(tooLate, 409, "status");
        }

        using var running = await Ingest.GetAsync("v1/experiments");
        Assert.Equal(TimeSpan.FromMinutes(1), running.Headers.CacheControl?.MaxAge);
        var listed = Assert.Single((await running.ReadAsync())["experiments"]!.AsArray())!;
        Assert.Equal("checkout", (string?)listed["key"]);
        Assert.Equal(["control", "green"], listed["variants"]!.AsArray().Select(variant => (string)variant!));

        // 20 users: u0…u9 exposed by the events API, u10…u19 by the server assignment; every third orders afterwards,
        // u1 ordered only before its exposure.
        Time.Advance(TimeSpan.FromMinutes(1));
        var expected = new Dictionary<string, (long Exposed, long Converted)> { ["control"] = (0, 0), ["green"] = (0, 0) };
        var events = new List<object> { new { @event = "order", distinct_id = "u1", timestamp = Start.AddSeconds(1).ToString("O") } };
        for (var user = 0; user < 20; user++)
        {
            var id = $"u{user}";
            var variant = new[] { "control", "green" }[VariantAssignment.Assign("checkout", id, [1, 1])];
            if (user < 10)
            {
                events.Add(new { @event = "$exposure", distinct_id = id, timestamp = Start.AddSeconds(2).ToString("O"), properties = new { experiment = "checkout", variant } });
            }
            else
            {
                var assigned = await Ingest.GetJsonAsync($"v1/experiments/checkout/variant?distinct_id={id}");
                Assert.Equal(variant, (string?)assigned["variant"]);
            }
            var converts = user % 3 == 0;
            if (converts)
            {
                events.Add(new { @event = "order", distinct_id = id, timestamp = Start.AddMinutes(5).ToString("O") });
            }
            expected[variant] = (expected[variant].Exposed + 1, expected[variant].Converted + (converts ? 1 : 0));
        }
        await Ingest.PostEventsAsync([.. events]);
        await Server.WaitUntilStoredAsync();
        Time.Advance(TimeSpan.FromHours(1));

        var results = await Admin.GetJsonAsync($"{Experiments}/checkout/results");
        var arms = results["arms"]!.AsArray();
        Assert.Equal(
            expected.Select(pair => $"{pair.Key}:{pair.Value.Exposed}:{pair.Value.Converted}"),
            arms.Select(arm => $"{(string?)arm!["variant"]}:{(long)arm["exposed"]!}:{(long)arm["converted"]!}"));
        // The verdict is what the analysis makes of these counts; the analysis itself is tested in Vigil.Core.Tests.
        var readout = ExperimentAnalysis.Analyze(
            new ExperimentDesign(ExperimentMethod.FixedHorizon, 0.05, 0.8, 0.1, 0.5),
            expected.Select(pair => new ArmCounts(pair.Key, 1, pair.Value.Exposed, pair.Value.Converted)).ToList());
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(readout.Verdict.ToString()), (string?)results["verdict"]);
        Assert.Equal(readout.RequiredPerArm, (long)results["requiredPerArm"]!);
        Assert.False((bool)results["final"]!);

        using (var badStop = await Admin.PostAsync($"{Experiments}/checkout/stop", Json.Body(new { ship = "blue" })))
        {
            await Json.AssertProblemAsync(badStop, 400, "ship");
        }
        using (var stopped = await Admin.PostAsync($"{Experiments}/checkout/stop", Json.Body(new { ship = "control", note = "Too early to tell; keeping it simple" })))
        {
            var answer = await stopped.ReadAsync();
            Assert.Equal(("stopped", "control", true), ((string?)answer["status"], (string?)answer["decision"]!["ship"], (bool)answer["decision"]!["keptControl"]!));
        }
        using var afterStop = await Ingest.GetAsync("v1/experiments");
        Assert.Empty((await afterStop.ReadAsync())["experiments"]!.AsArray());
        using var notRunning = await Ingest.GetAsync("v1/experiments/checkout/variant?distinct_id=u1");
        await Json.AssertProblemAsync(notRunning, 404, "key");
    }
}

public sealed class PostgresClickHouseExperimentApiTests() : ExperimentApiTests(Backend.PostgresClickHouse);

public sealed class SqliteExperimentApiTests() : ExperimentApiTests(Backend.Sqlite)
{
    [Theory]
    [InlineData("""{"key":"Bad Key","name":"n","variants":[{"name":"a"},{"name":"b"}],"goalEvent":"order","baselineRate":0.1,"minimumDetectableLift":0.1}""", "key")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"}],"goalEvent":"order","baselineRate":0.1,"minimumDetectableLift":0.1}""", "variants")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"},{"name":"A"}],"goalEvent":"order","baselineRate":0.1,"minimumDetectableLift":0.1}""", "variants[1].name")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"},{"name":"b","weight":0}],"goalEvent":"order","baselineRate":0.1,"minimumDetectableLift":0.1}""", "variants[1].weight")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"},{"name":"b"}],"goalEvent":"$exposure","baselineRate":0.1,"minimumDetectableLift":0.1}""", "goalEvent")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"},{"name":"b"}],"goalEvent":"order","method":"bayes","baselineRate":0.1,"minimumDetectableLift":0.1}""", "method")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"},{"name":"b"}],"goalEvent":"order","alpha":0.5,"baselineRate":0.1,"minimumDetectableLift":0.1}""", "alpha")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"},{"name":"b"}],"goalEvent":"order","power":1,"baselineRate":0.1,"minimumDetectableLift":0.1}""", "power")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"},{"name":"b"}],"goalEvent":"order","minimumDetectableLift":0.1}""", "baselineRate")]
    [InlineData("""{"key":"k","name":"n","variants":[{"name":"a"},{"name":"b"}],"goalEvent":"order","baselineRate":0.6,"minimumDetectableLift":1}""", "minimumDetectableLift")]
    public async Task Create_BadField_ProblemNamesIt(string body, string field)
    {
        using var response = await Admin.PostAsync(Experiments, Json.Raw(body));

        await Json.AssertProblemAsync(response, 400, field);
        Assert.Empty((await Admin.GetJsonAsync(Experiments)).AsArray());
    }

    [Fact]
    public async Task Create_KeyTaken_Is409NamingKey()
    {
        using var first = await Admin.PostAsync(Experiments, Json.Body(Definition()));
        using var second = await Admin.PostAsync(Experiments, Json.Body(Definition()));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await Json.AssertProblemAsync(second, 409, "key");
    }

    [Fact]
    public async Task Variant_UnknownKeyOrNoUser_ProblemNamesIt()
    {

        using var noUser = await Ingest.GetAsync("v1/experiments/checkout/variant");
        using var unknown = await Ingest.GetAsync("v1/experiments/checkout/variant?distinct_id=u1");
        using var noKey = await Anonymous.GetAsync("v1/experiments");

        await Json.AssertProblemAsync(noUser, 400, "distinct_id");
        await Json.AssertProblemAsync(unknown, 404, "key");
        await Json.AssertProblemAsync(noKey, 401, "authorization");
    }
}
