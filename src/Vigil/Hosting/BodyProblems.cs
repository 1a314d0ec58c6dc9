using System.Text.Json;

namespace Vigil.Hosting;

/// <summary>
/// A body that is not JSON of the endpoint's shape is refused by the framework's binding, before the endpoint's own
/// checks, and would be answered 400 without saying what is wrong: this names the field (the JSON path at fault, or
/// <c>body</c>) and the reason, as the endpoints' own problems do.
/// </summary>
internal static class BodyProblems
{
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.Exception is not BadHttpRequestException refused)
        {
            return;
        }
        var json = refused.InnerException as JsonException;
        context.ProblemDetails.Title = "Invalid request";
        context.ProblemDetails.Detail = json is null
            ? refused.Message
            : $"The body is not JSON of the expected shape at {json.Path ?? "$"} (line {json.LineNumber + 1}, byte {json.BytePositionInLine}).";
        context.ProblemDetails.Extensions["field"] = Field(json?.Path);
    }

    /// <summary>"$.interval" is <c>interval</c>, "$.budgets[2].pattern" is <c>budgets[2].pattern</c>; the whole body is <c>body</c>.</summary>
    private static string Field(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
