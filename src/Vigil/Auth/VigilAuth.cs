using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vigil.Core.Projects;
using Vigil.Projects;

namespace Vigil.Auth;

/// <summary>
/// Two ways in: the dashboard's login cookie, and an admin token as <c>Authorization: Bearer</c> for scripts.
/// Ingest keys are not identities here; the ingest endpoints resolve them themselves.
/// </summary>
internal static class VigilAuth
{
    public const string AdminTokenScheme = "AdminToken";
    public const string ApiPolicy = "Api";
    public const string ApiScheme = "Api";
    public const string LoginPath = "/login";

    public static IServiceCollection AddVigilAuth(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = LoginPath;
                options.Cookie.Name = "vigil_session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => RejectApiOr(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RejectApiOr(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(AdminTokenScheme, null)
            // A bearer token decides alone; without one, the login cookie does.
            .AddPolicyScheme(ApiScheme, ApiScheme, options => options.ForwardDefaultSelector = context =>
                BearerToken.From(context.Request) is null ? CookieAuthenticationDefaults.AuthenticationScheme : AdminTokenScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static ClaimsPrincipal UserPrincipal(User user) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Email, user.Email), new Claim(ClaimTypes.Name, user.Email)],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>API callers get a status code and a problem document; people in a browser get the login page.</summary>
    private static Task RejectApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Results.Problem(
                statusCode: status,
                title: status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Forbidden",
                detail: "Send an admin token as 'Authorization: Bearer <token>' or log in to the dashboard.").ExecuteAsync(context.HttpContext);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private sealed class AdminTokenHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        ProjectDirectory projects) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var token = BearerToken.From(Request);
            if (token is null)
            {
                return AuthenticateResult.NoResult();
            }
            var key = await projects.FindKeyAsync(token, Context.RequestAborted);
            if (key is not { Kind: ApiKeyKind.Admin })
            {
                return AuthenticateResult.Fail("The bearer token is not an admin token of this installation.");
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, $"key:{key.Id}"), new Claim(ClaimTypes.Name, key.Prefix)], AdminTokenScheme);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AdminTokenScheme));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
            WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required", "Send an admin token as 'Authorization: Bearer <token>' or log in to the dashboard.");

        protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
            WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This token may not do that.");

        private Task WriteProblemAsync(int status, string title, string detail)
        {
            Response.StatusCode = status;
            return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
        }
    }
}

internal static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length ? header[prefix.Length..].Trim() : null;
    }
}
