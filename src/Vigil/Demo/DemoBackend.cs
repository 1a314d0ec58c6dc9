namespace Vigil.Demo;

internal sealed record DemoIncident(DateTimeOffset From, DateTimeOffset To, double ServerErrorRate, bool IsOutage);

/// <summary>How the demo product's API answers: log-normal latencies, a small baseline of server errors, spikes and one outage.</summary>
internal sealed class DemoBackend
{
    private const double BaselineServerErrorRate = 0.003;
    private const double LatencySpread = 0.55;
    private const double MaxDurationMs = 30_000;

    private static readonly TimeSpan OutageLength = TimeSpan.FromMinutes(10);

    private static readonly (string Method, string Route, double Weight)[] BackgroundRoutes =
    [
        ("GET", "/api/orders", 0.30),
        ("GET", "/api/apps", 0.30),
        ("GET", "/api/me", 0.20),
        ("POST", "/api/orders", 0.05),
        ("POST", "/api/apps", 0.05),
        ("POST", "/api/auth/login", 0.10),
    ];

    private static readonly double[] BackgroundRouteWeights = BackgroundRoutes.Select(route => route.Weight).ToArray();

    private readonly double _maxHourlyTraffic = DemoDataGenerator.HourlyTraffic.Max();

    public DemoBackend(DateTimeOffset from, DateTimeOffset to, ulong seed)
    {
        // A random stream of its own, so the incidents stay put whatever the number of users.
        Incidents = PlanIncidents(new SplitMix64(seed ^ 0x1C1D_E575_0BAD_F00DUL), from, to);
    }

    public IReadOnlyList<DemoIncident> Incidents { get; }

    public static (string Method, string Route) PickBackgroundRoute(SplitMix64 random)
    {
        var route = BackgroundRoutes[random.NextWeighted(BackgroundRouteWeights)];
        return (route.Method, route.Route);
    }

    public DemoRequest Serve(SplitMix64 random, DateTimeOffset timestamp, string method, string route)
    {
        var incident = FindIncident(timestamp);
        double duration;
        int status;
        if (incident is { IsOutage: true })
        {
            // The load balancer answers for a dead backend after its upstream timeout.
            status = 503;
            duration = random.NextLogNormal(4_000, 0.5);
        }
        else
        {
            var load = 0.85 + 0.25 * DemoDataGenerator.HourlyTraffic[timestamp.ToOffset(DemoDataGenerator.SeoulOffset).Hour] / _maxHourlyTraffic;
            var degraded = incident is null ? 1.0 : 1.8;
            duration = random.NextLogNormal(MedianMilliseconds(method, route) * load * degraded, LatencySpread);
            status = PickStatus(random, method, route, incident?.ServerErrorRate ?? BaselineServerErrorRate);
            if (status == 504)
            {
                duration = random.NextLogNormal(10_000, 0.2);
            }
        }

        return new DemoRequest(DemoDataGenerator.TruncateToMillisecond(timestamp), method, route, status, Math.Round(Math.Min(duration, MaxDurationMs), 1));
    }

    private DemoIncident? FindIncident(DateTimeOffset timestamp)
    {
        foreach (var incident in Incidents)
        {
            if (incident.From <= timestamp && timestamp < incident.To)
            {
                return incident;
            }
        }

        return null;
    }

    private static int PickStatus(SplitMix64 random, string method, string route, double serverErrorRate)
    {
        if (random.NextDouble() < serverErrorRate)
        {
            var kind = random.NextDouble();
            return kind < 0.7 ? 500 : kind < 0.85 ? 502 : 504;
        }

        var draw = random.NextDouble();
        return (method, route) switch
        {
            ("POST", "/api/auth/login") when draw < 0.03 => 401,
            ("POST", _) when draw < 0.005 => 400,
            ("POST", _) => 201,
            _ when draw < 0.005 => 404,
            _ => 200,
        };
    }

    // Medians around 120 ms overall: cheap reads, heavier writes, a deliberately slow password check.
    private static double MedianMilliseconds(string method, string route) => (method, route) switch
    {
        ("GET", "/api/me") => 60,
        ("GET", "/api/apps") => 110,
        ("GET", "/api/orders") => 140,
        ("POST", "/api/apps") => 180,
        ("POST", "/api/orders") => 220,
        ("POST", "/api/auth/login") => 160,
        ("POST", "/api/auth/signup") => 200,
        _ => 120,
    };

    private static List<DemoIncident> PlanIncidents(SplitMix64 random, DateTimeOffset from, DateTimeOffset to)
    {
        var span = to - from;
        var outageLength = span < OutageLength * 3 ? span / 3 : OutageLength;
        var outageStart = from + span * 0.6;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            // Mid-period, in Seoul working or evening hours, when the traffic makes it visible.
            var candidate = from + span * (0.4 + 0.4 * random.NextDouble());
            if (candidate.ToOffset(DemoDataGenerator.SeoulOffset).Hour is >= 10 and <= 21)
            {
                outageStart = candidate;
                break;
            }
        }

        var incidents = new List<DemoIncident> { Incident(outageStart, outageLength, 1.0, isOutage: true) };
        var spikes = Math.Clamp((int)Math.Round(span.TotalDays / 8), 1, 4);
        for (var attempt = 0; attempt < 100 && incidents.Count <= spikes; attempt++)
        {
            var length = span < TimeSpan.FromHours(12) ? span / 20 : TimeSpan.FromMinutes(10 + 30 * random.NextDouble());
            var spike = Incident(from + (span - length) * random.NextDouble(), length, 0.05 + 0.15 * random.NextDouble(), isOutage: false);
            var gap = span < TimeSpan.FromDays(2) ? TimeSpan.Zero : TimeSpan.FromHours(1);
            if (!incidents.Any(other => spike.From < other.To + gap && other.From < spike.To + gap))
            {
                incidents.Add(spike);
            }
        }

        return incidents.OrderBy(incident => incident.From).ToList();
    }

    private static DemoIncident Incident(DateTimeOffset start, TimeSpan length, double serverErrorRate, bool isOutage)
    {
        var from = DemoDataGenerator.TruncateToMillisecond(start);
        return new DemoIncident(from, from + length, serverErrorRate, isOutage);
    }
}
