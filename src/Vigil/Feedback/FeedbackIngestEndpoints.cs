using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Feedback;
using Vigil.Core.Projects;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Ingest;
using Vigil.Projects;

namespace Vigil.Feedback;

internal sealed record FeedbackReceipt(long Id);

/// <param name="Question">The project's own question, when it set one; the snippet asks its built-in question otherwise.</param>
internal sealed record NpsPromptDecision(bool Due, string? Question, int PeriodDays);

internal sealed record NpsReceipt(NpsOutcome Outcome, long? Id);

/// <summary>
/// POST /v1/feedback     one piece of feedback (the snippet's widget, or an app that collects it itself)
/// POST /v1/nps/prompt   whether the NPS question is due for a user; when it is, the showing is recorded
/// POST /v1/nps          a user's NPS answer, or that they dismissed the question
/// Authenticated by an ingest key (<see cref="IngestKeys"/>), like the other /v1 endpoints.
/// </summary>
internal static class FeedbackIngestEndpoints
{
    /// <summary>One object with at most 5,000 characters of text fits many times over.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static void MapFeedbackIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup("/v1").RequireCors(IngestEndpoints.CorsPolicy).DisableAntiforgery();
        ingest.MapPost("/feedback", PostFeedbackAsync);
        ingest.MapPost("/nps/prompt", PostNpsPromptAsync);
        ingest.MapPost("/nps", PostNpsAnswerAsync);
    }

    private static Task<Results<Ok<FeedbackReceipt>, ProblemHttpResult>> PostFeedbackAsync(HttpContext context, ProjectDirectory projects, IFeedbackStore store, TimeProvider time) =>
        WithBodyAsync(context, projects, body => FeedbackIngestParser.ParseFeedback(body, time.GetUtcNow()),
            async (project, submission, cancellationToken) => new FeedbackReceipt((await store.AddFeedbackAsync(project.Id, submission, cancellationToken)).Id));

    private static Task<Results<Ok<NpsPromptDecision>, ProblemHttpResult>> PostNpsPromptAsync(HttpContext context, ProjectDirectory projects, IFeedbackStore store, TimeProvider time) =>
        WithBodyAsync(context, projects, FeedbackIngestParser.ParseDistinctId, async (project, distinctId, cancellationToken) =>
        {
            var settings = await store.ReadNpsSettingsAsync(project.Id, cancellationToken);
            var due = settings.Enabled && await store.TryBeginNpsPromptAsync(project.Id, distinctId, time.GetUtcNow(), settings.Period, cancellationToken);
            return new NpsPromptDecision(due, settings.Question, (int)settings.Period.TotalDays);
        });

    private static Task<Results<Ok<NpsReceipt>, ProblemHttpResult>> PostNpsAnswerAsync(HttpContext context, ProjectDirectory projects, IFeedbackStore store, TimeProvider time) =>
        WithBodyAsync(context, projects, body => FeedbackIngestParser.ParseNpsAnswer(body, time.GetUtcNow()),
            async (project, answer, cancellationToken) => new NpsReceipt(answer.Outcome, (await store.RecordNpsAnswerAsync(project.Id, answer, cancellationToken))?.Id));

    /// <summary>Finds the project of the ingest key, reads and parses the body, and answers what <paramref name="handle"/> makes of it.</summary>
    private static async Task<Results<Ok<TResult>, ProblemHttpResult>> WithBodyAsync<TBody, TResult>(
        HttpContext context,
        ProjectDirectory projects,
        Func<ReadOnlyMemory<byte>, ParsedBody<TBody>> parse,
        Func<Project, TBody, CancellationToken, Task<TResult>> handle) where TBody : class
    {
        var cancellationToken = context.RequestAborted;
        var project = await IngestKeys.ResolveProjectAsync(context.Request, projects, cancellationToken);
        if (project is null)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown ingest key", "authorization", IngestKeys.Hint);
        }
        using var body = await IngestBody.ReadAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (body.Problem is { } bodyProblem)
        {
            return ApiProblems.Problem(bodyProblem.Status, bodyProblem.Title, "body", bodyProblem.Detail);
        }
        var parsed = parse(body.Bytes);
        if (parsed.Problem is { } problem)
        {
            return ApiProblems.BadRequest(problem.Field, problem.Detail);
        }
        return TypedResults.Ok(await handle(project, parsed.Value!, cancellationToken));
    }
}
