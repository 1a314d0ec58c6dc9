using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Budgets;

/// <summary>
/// GET /api/projects/{id}/budgets   the project's bundle-size budgets (the defaults until it saves its own)
/// PUT /api/projects/{id}/budgets   replaces them: {"compression", "totalMaxBytes", "budgets": [{"pattern", "maxBytes"}]}
/// </summary>
internal static class BudgetEndpoints
{
    public static IServiceCollection AddBundleBudgets(this IServiceCollection services) =>
        services.AddSingleton(provider => (IBundleBudgetStore)provider.GetRequiredService<IMetadataStore>());

    public static void MapBudgetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{id:long}/budgets").RequireAuthorization(VigilAuth.ApiPolicy).DisableAntiforgery();
        group.MapGet("", GetAsync);
        group.MapPut("", PutAsync);
    }

    private static async Task<Results<Ok<BudgetsBody>, ProblemHttpResult>> GetAsync(long id, ProjectDirectory projects, IBundleBudgetStore store, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        return TypedResults.Ok(BudgetsBody.Of(await store.ReadBundleBudgetsAsync(id, cancellationToken)));
    }

    private static async Task<Results<Ok<BudgetsBody>, ProblemHttpResult, ValidationProblem>> PutAsync(
        long id, HttpRequest request, ProjectDirectory projects, IBundleBudgetStore store, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        const string Shape = "The body must be the budgets as JSON: {\"compression\", \"totalMaxBytes\", \"budgets\": [{\"pattern\", \"maxBytes\"}]}.";
        if (!request.HasJsonContentType())
        {
            return ApiProblems.BadRequest("body", Shape);
        }
        BudgetsBody? body;
        try
        {
            body = await request.ReadFromJsonAsync<BudgetsBody>(cancellationToken);
        }
        catch (JsonException exception)
        {
            // The path names the value that did not fit, e.g. $.budgets[0].maxBytes for "800KB" where bytes go.
            var field = exception.Path is { Length: > 2 } path ? path[2..] : "body";
            return ApiProblems.BadRequest(field, $"{field} does not fit: sizes are whole bytes, texts are strings. {Shape}");
        }
        if (body is null)
        {
            return ApiProblems.BadRequest("body", Shape);
        }
        var (set, errors) = body.ToSet();
        if (set is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await store.SaveBundleBudgetsAsync(id, set, cancellationToken);
        return TypedResults.Ok(BudgetsBody.Of(set));
    }
}
