namespace Vigil.Dashboard;

/// <summary>
/// The dashboard: Razor components rendered on the server (static rendering, plain HTML forms), kept live by
/// a server-sent-events stream that dashboard.js applies to the page, with ECharts for the charts.
/// Static files come from the web root, <c>wwwroot</c> beside the executable, which the build fills.
/// </summary>
internal static class DashboardUi
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<StaticAssetUrls>();
        return services;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        // Routing has already run by now, so a file is served only where no endpoint claimed the path.
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // Pages link assets with a content hash in the query, so a cached copy is never stale.
                if (context.Context.Request.Query.ContainsKey("v"))
                {
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });
        app.MapDashboardEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }
}
