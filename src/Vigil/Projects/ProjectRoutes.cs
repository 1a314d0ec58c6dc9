using System.Globalization;
using Vigil.Core.Projects;
using Vigil.Hosting;

namespace Vigil.Projects;

/// <summary>
/// The project of an <c>/api/projects/{id}</c> endpoint. <see cref="RequireProject{TBuilder}"/> finds it before the
/// handler runs and answers 404 naming <c>id</c> when there is none, so a handler neither looks it up nor checks it:
/// it reads the project with <see cref="RouteProject"/>.
/// </summary>
internal static class ProjectRoutes
{
    public static TBuilder RequireProject<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var id = Convert.ToInt64(context.GetRouteValue("id"), CultureInfo.InvariantCulture);
            var project = await context.RequestServices.GetRequiredService<ProjectDirectory>().FindProjectAsync(id, context.RequestAborted);
            if (project is null)
            {
                return ApiProblems.ProjectNotFound(id);
            }
            context.Features.Set(new FoundProject(project));
            return await next(invocation);
        });

    /// <summary>The project <see cref="RequireProject{TBuilder}"/> found for this request.</summary>
    public static Project RouteProject(this HttpContext context) =>
        context.Features.Get<FoundProject>()?.Project ?? throw new InvalidOperationException("This endpoint lacks RequireProject(): no project was looked up.");

    private sealed record FoundProject(Project Project);
}
