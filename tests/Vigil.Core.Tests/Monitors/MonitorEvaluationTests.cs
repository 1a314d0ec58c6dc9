using Vigil.Core.Monitors;

namespace Vigil.Core.Tests.Monitors;

public sealed class MonitorEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly MonitorDefinition Api = new() { Name = "api", Kind = MonitorKind.Http, Url = "https://api.example" };

    [Fact]
    public void Http_ExpectedStatusWithinLatency_Up() =>
        Assert.Equal(MonitorVerdict.Up, MonitorEvaluation.Http(Api, new HttpOutcome(204, 120, null, null)));

    [Theory]
    [InlineData(500, 10, null, "status 500, expected 200-399")]
    [InlineData(200, 10, false, "the body does not contain \"healthy\"")]
    [InlineData(200, 2500, true, "answered in 2500 ms, more than 2000 ms")]
    public void Http_WrongStatusMissingKeywordOrSlow_DownWithTheReason(int status, double durationMs, bool? keywordFound, string reason)
    {
        var monitor = Api with { Keyword = "healthy", MaxLatencyMs = 2000 };

        Assert.Equal(MonitorVerdict.Down(reason), MonitorEvaluation.Http(monitor, new HttpOutcome(status, durationMs, keywordFound, null)));
    }

    [Fact]
    public void Http_NoAnswer_DownWithTheError() =>
        Assert.Equal(MonitorVerdict.Down("no answer within 10 s"), MonitorEvaluation.Http(Api, new HttpOutcome(null, 10_000, null, "no answer within 10 s")));

    [Fact]
    public void Tcp_ConnectedOrNot_UpOrDown()
    {
        Assert.Equal(MonitorVerdict.Up, MonitorEvaluation.Tcp(null));
        Assert.Equal(MonitorVerdict.Down("Connection refused"), MonitorEvaluation.Tcp("Connection refused"));
    }

    [Theory]
    [InlineData(60, null, false, MonitorState.Up, null)]
    [InlineData(14, null, false, MonitorState.Up, null)]
    [InlineData(13.5, null, false, MonitorState.Warning, "the certificate expires in 13 days (2026-12-06)")]
    [InlineData(5, "RemoteCertificateChainErrors", false, MonitorState.Down, "the certificate is not valid: RemoteCertificateChainErrors")]
    [InlineData(5, "RemoteCertificateChainErrors", true, MonitorState.Warning, "the certificate expires in 5 days (2026-11-27)")]
    [InlineData(-1, null, false, MonitorState.Down, "the certificate expired on 2026-11-21 12:00 UTC")]
    public void Tls_DaysLeftAndValidation_UpWarningOrDown(double daysLeft, string? problem, bool ignoreErrors, MonitorState state, string? reason)
    {
        var monitor = new MonitorDefinition { Name = "cert", Kind = MonitorKind.Tls, Host = "api.example", Port = 443, WarnDays = 14, IgnoreCertificateErrors = ignoreErrors };

        var verdict = MonitorEvaluation.Tls(monitor, new TlsOutcome(Now.AddDays(-30), Now.AddDays(daysLeft), problem, null), Now);

        Assert.Equal(new MonitorVerdict(state, reason), verdict);
    }

    [Fact]
    public void Tls_NotYetValidOrUnreachable_Down()
    {
        var monitor = new MonitorDefinition { Name = "cert", Kind = MonitorKind.Tls, Host = "api.example", Port = 443 };

        Assert.Equal(
            MonitorVerdict.Down("the certificate is not valid before 2026-11-23 12:00 UTC"),
            MonitorEvaluation.Tls(monitor, new TlsOutcome(Now.AddDays(1), Now.AddDays(90), null, null), Now));
        Assert.Equal(MonitorVerdict.Down("Connection refused"), MonitorEvaluation.Tls(monitor, new TlsOutcome(null, null, null, "Connection refused"), Now));
    }

    [Fact]
    public void DaysLeft_PartialDays_RoundDown()
    {
        Assert.Equal(13, MonitorEvaluation.DaysLeft(Now.AddDays(13.9), Now));
        Assert.Equal(-1, MonitorEvaluation.DaysLeft(Now.AddHours(-1), Now));
    }

    private static readonly MonitorDefinition Backup = new()
    {
        Name = "backup", Kind = MonitorKind.Heartbeat, Period = TimeSpan.FromHours(1), Grace = TimeSpan.FromMinutes(10), CreatedAt = Now.AddDays(-1),
    };

    [Fact]
    public void Heartbeat_PingWithinPeriodAndGrace_Up() =>
        Assert.Equal(MonitorVerdict.Up, MonitorEvaluation.Heartbeat(Backup with { LastPingAt = Now.AddMinutes(-70) }, Now));

    [Fact]
    public void Heartbeat_NoPingForLongerThanPeriodAndGrace_Down() =>
        Assert.Equal(
            MonitorVerdict.Down("no ping for 1.2 h (period 1 h + grace 10 min)"),
            MonitorEvaluation.Heartbeat(Backup with { LastPingAt = Now.AddMinutes(-71) }, Now));

    [Fact]
    public void Heartbeat_LastPingReportedFailure_Down() =>
        Assert.Equal(
            MonitorVerdict.Down("the last ping, 2 min ago, reported a failure"),
            MonitorEvaluation.Heartbeat(Backup with { LastPingAt = Now.AddMinutes(-2), LastPingFailed = true }, Now));

    [Fact]
    public void Heartbeat_NeverPinged_WaitsThenDown()
    {
        Assert.Null(MonitorEvaluation.Heartbeat(Backup with { CreatedAt = Now.AddMinutes(-30) }, Now));
        Assert.Equal(
            MonitorVerdict.Down("no ping since the monitor was created, 1 d ago"),
            MonitorEvaluation.Heartbeat(Backup, Now));
    }
}
