using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigil.Hosting;

/// <summary>Errors as application/problem+json with the field at fault, so a client can point at it.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string title, string field, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult BadRequest(string field, string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", field, detail);

    public static ProblemHttpResult ProjectNotFound(long id) =>
        Problem(StatusCodes.Status404NotFound, "Project not found", "id", $"There is no project {id}.");
}
