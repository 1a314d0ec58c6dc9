using Vigil.Core.Ingest;
using Vigil.Core.Routes;

namespace Vigil.Core.Tests.Routes;

public sealed class RouteReportTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Offer_MoreThanKept_KeepsTheSlowestSlowestFirst()
    {
        var route = new RouteAggregate();

        foreach (var duration in new[] { 30.0, 10, 70, 50, 20, 60, 40 })
        {
            route.Add(Request("GET", "/", 200, duration));
        }

        Assert.Equal([70.0, 60, 50, 40, 30], route.Slowest.Select(request => request.DurationMs));
        Assert.Equal(7, route.Requests.Count);
    }

    [Fact]
    public void Merge_TwoHours_SlowestAreTheSlowestOfBoth()
    {
        var first = Aggregate(Request("GET", "/", 200, 5), Request("GET", "/", 200, 50));
        var second = Aggregate(Request("GET", "/", 500, 40), Request("GET", "/", 404, 60, Noon.AddHours(1)));

        first.Merge(second);

        Assert.Equal([60.0, 50, 40, 5], first.Slowest.Select(request => request.DurationMs));
        Assert.Equal((4L, 1L, 1L), (first.Requests.Count, first.Requests.ClientErrors, first.Requests.ServerErrors));
    }

    [Fact]
    public void From_RatesPercentilesAndRequestsPerSecond()
    {
        var requests = Enumerable.Range(1, 100).Select(index => Request("GET", "/orders", index <= 3 ? 404 : index <= 5 ? 502 : 200, index)).ToArray();

        var report = RouteReport.From([new RouteTotals(new RouteKey("GET", "/orders"), Aggregate(requests))], TimeSpan.FromSeconds(50), maxRoutes: 10);

        var orders = Assert.Single(report.Routes);
        Assert.Equal((100L, 2.0, 0.03, 0.02), (orders.Count, orders.RequestsPerSecond, orders.ClientErrorRate, orders.ServerErrorRate));
        Assert.InRange(orders.P50Ms!.Value, 49.5, 50.5);
        Assert.InRange(orders.P95Ms!.Value, 94, 96);
        Assert.InRange(orders.P99Ms!.Value, 98, 100);
        Assert.Equal(50.5, orders.AverageMs);
        Assert.Equal([100.0, 99, 98, 97, 96], report.Slowest.Select(request => request.DurationMs));
    }

    [Fact]
    public void From_MoreRoutesThanTheLimit_BusiestFirstAndTheRestWithTheStoredOtherAsOneRow()
    {
        RouteTotals Route(string route, int count, string method = "GET") =>
            new(new RouteKey(method, route), Aggregate(Enumerable.Range(0, count).Select(_ => Request(method, route, 200, 10)).ToArray()));
        var stored = new RouteTotals(RouteKey.Other, Aggregate(Request("GET", "/x/1", 200, 999)));

        var report = RouteReport.From([Route("/a", 1), Route("/b", 5), stored, Route("/c", 3), Route("/b", 2, "POST")], TimeSpan.FromHours(1), maxRoutes: 3);

        Assert.Equal(["GET /b", "GET /c", " (other)"], report.Routes.Select(route => $"{route.Method} {route.Route}"));
        Assert.Equal(4, report.Routes[2].Count);
        Assert.Equal("/x/1", report.Slowest[0].Route);
    }

    [Fact]
    public void From_NoMoreRoutesThanTheLimit_NoOtherRow()
    {
        var report = RouteReport.From([new RouteTotals(new RouteKey("GET", "/"), Aggregate(Request("GET", "/", 200, 1)))], TimeSpan.FromHours(1), maxRoutes: 2);

        Assert.Equal(["/"], report.Routes.Select(route => route.Route));
    }

    private static RouteAggregate Aggregate(params RequestSample[] requests)
    {
        var aggregate = new RouteAggregate();
        foreach (var request in requests)
        {
            aggregate.Add(request);
        }
        return aggregate;
    }

    private static RequestSample Request(string method, string route, int status, double durationMs, DateTimeOffset? at = null) =>
        new(1, at ?? Noon, method, route, status, durationMs) { TraceId = new string('f', 32) };
}
