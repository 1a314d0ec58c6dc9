using System.Net;
using Vigil.Tests.Support;

namespace Vigil.Tests.Kpis;

/// <summary>Bad KPI queries get a problem+json 400 naming the field; an unknown project a 404.</summary>
public sealed class KpiApiValidationTests() : ServerTests(Backend.Sqlite)
{
    [Theory]
    [InlineData("active-users?from=2026-11-20&to=2026-11-10", "from")]
    [InlineData("active-users?from=2025-01-01&to=2026-11-10", "from")]
    [InlineData("retention?to=11/20/2026", "to")]
    [InlineData("retention?by=pl%22an", "by")]
    [InlineData("churn?months=99", "months")]
    [InlineData("funnel?steps=signup", "steps")]
    [InlineData("funnel?steps=a,b,c,d,e,f,g,h,i,j,k", "steps")]
    [InlineData("funnel?steps=a,b&window=0", "window")]
    [InlineData("funnel?steps=a,b&window=91d", "window")]
    [InlineData("events-per-user", "event")]
    public async Task Get_BadParameter_ProblemNamingTheField(string query, string field)
    {
        using var response = await Admin.GetAsync($"api/projects/{Server.ProjectId}/kpis/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (string)(await response.ReadAsync())["field"]!);
    }

    [Fact]
    public async Task PutSettings_NoPaidEvent_ProblemNamingPaidEvent()
    {
        using var response = await Admin.PutAsync($"api/projects/{Server.ProjectId}/kpis/settings", Json.Body(new { paidEvent = " " }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("paidEvent", (string)(await response.ReadAsync())["field"]!);
    }

    [Fact]
    public async Task Get_UnknownProject_NotFound()
    {
        using var response = await Admin.GetAsync("api/projects/999/kpis/active-users");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithoutToken_Unauthorized()
    {
        using var response = await Anonymous.GetAsync($"api/projects/{Server.ProjectId}/kpis/active-users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
