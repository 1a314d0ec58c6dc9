namespace Vigil.Dashboard;

internal static class DashboardUi
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services) => services;

    public static WebApplication MapDashboardUi(this WebApplication app) => app;
}
