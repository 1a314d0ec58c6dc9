using System.Net;
using System.Text.RegularExpressions;

namespace Vigil.Tests.Support;

/// <summary>
/// The dashboard's pages over plain HTTP, as a browser without JavaScript would use them: a cookie jar, redirects left
/// for the test to see, and forms posted with the antiforgery token their page carried.
/// </summary>
public static partial class PageSession
{
    public static HttpClient NewClient(VigilServer server) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    /// <summary>Logs in through the login form: the antiforgery token from the page, then the form post.</summary>
    public static async Task<HttpClient> LogInAsync(VigilServer server)
    {
        var client = NewClient(server);
        using var response = await PostFormAsync(client, "/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = server.Email,
            ["Input.Password"] = server.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Loads <paramref name="path"/>, then posts the named form of that page with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{path} has no antiforgery token");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = token.Groups[1].Value,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
