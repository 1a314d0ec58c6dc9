using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Experiments;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Kpis;
using Vigil.Projects;

namespace Vigil.Experiments;

/// <summary>
/// GET  /api/projects/{id}/experiments                   the project's experiments, newest first
/// POST /api/projects/{id}/experiments                   defines a draft: 201
/// GET  /api/projects/{id}/experiments/{key}             one
/// PUT  /api/projects/{id}/experiments/{key}             replaces a draft's definition
/// POST /api/projects/{id}/experiments/{key}/start       draft → running
/// POST /api/projects/{id}/experiments/{key}/stop        {"ship","note"}: running → stopped, with the team's decision
/// GET  /api/projects/{id}/experiments/{key}/results     per-variant counts, rates, comparisons and the verdict
/// </summary>
internal static class ExperimentEndpoints
{
    public static IServiceCollection AddExperiments(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IExperimentStore)provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton(provider => (IExperimentEventStore)provider.GetRequiredService<ITelemetryStore>());
        services.AddSingleton<ExperimentCommands>();
        services.AddSingleton<ExperimentResults>();
        services.AddSingleton<IReportExperimentsSource, ExperimentReportSource>();
        ExperimentIngestEndpoints.AddCorsPolicy(services);
        return services;
    }

    public static void MapExperimentEndpoints(this IEndpointRouteBuilder app)
    {
        var experiments = app.MapGroup("/api/projects/{id:long}/experiments").RequireAuthorization(VigilAuth.ApiPolicy).DisableAntiforgery().RequireProject();
        experiments.MapGet("", ListAsync);
        experiments.MapPost("", CreateAsync);
        experiments.MapGet("/{key}", GetAsync);
        experiments.MapPut("/{key}", UpdateAsync);
        experiments.MapPost("/{key}/start", StartAsync);
        experiments.MapPost("/{key}/stop", StopAsync);
        experiments.MapGet("/{key}/results", ResultsAsync);
        app.MapExperimentIngestEndpoints();
    }

    public sealed record VariantBody(string? Name, double? Weight);

    public sealed record ExperimentBody(
        string? Key, string? Name, string? Hypothesis, List<VariantBody>? Variants, string? GoalEvent, string? Method,
        double? Alpha, double? Power, double? BaselineRate, double? MinimumDetectableLift)
    {
        public ExperimentDraft ToDraft() => new(
            Key, Name, Hypothesis, Variants?.Select(variant => (variant?.Name, variant?.Weight)).ToList(), GoalEvent, Method, Alpha, Power, BaselineRate, MinimumDetectableLift);
    }

    public sealed record StopBody(string? Ship, string? Note);

    public sealed record DecisionAnswer(string Ship, bool KeptControl, string? Note);

    public sealed record ExperimentAnswer(
        string Key, string Name, string? Hypothesis, IReadOnlyList<ExperimentVariant> Variants, string GoalEvent, string Method, double Alpha, double Power,
        double BaselineRate, double MinimumDetectableLift, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt,
        DecisionAnswer? Decision)
    {
        public static ExperimentAnswer Of(Experiment experiment) => new(
            experiment.Key, experiment.Name, experiment.Hypothesis, experiment.Variants, experiment.GoalEvent, ExperimentRules.Name(experiment.Design.Method),
            experiment.Design.Alpha, experiment.Design.Power, experiment.Design.BaselineRate, experiment.Design.MinimumDetectableLift,
            ExperimentRules.Name(experiment.Status), experiment.CreatedAt, experiment.StartedAt, experiment.StoppedAt,
            experiment.Decision is { } decision ? new DecisionAnswer(decision.ShippedVariant, decision.ShippedVariant == experiment.Control, decision.Note) : null);
    }

    /// <param name="Final">False while a fixed-horizon experiment has not reached its planned sample: its p-values are no result yet.</param>
    /// <param name="Progress">The least exposed arm's share of <paramref name="RequiredPerArm"/>, 0..1.</param>
    public sealed record ResultsAnswer(
        string Key, string Status, string Method, DateTimeOffset From, DateTimeOffset To, ExperimentVerdict Verdict, string? DecidingVariant, bool Final,
        long RequiredPerArm, double Progress, double SrmPValue, bool SampleRatioMismatch, long CrossExposedUsers, IReadOnlyList<ArmReadout> Arms, DateOnly? DecidedOn);

    private static async Task<Ok<List<ExperimentAnswer>>> ListAsync(long id, IExperimentStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListExperimentsAsync(id, cancellationToken)).Select(ExperimentAnswer.Of).ToList());

    private static async Task<Results<Created<ExperimentAnswer>, ProblemHttpResult>> CreateAsync(
        long id, ExperimentBody? body, ExperimentCommands commands, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ApiProblems.BadRequest("body", "Send the experiment as a JSON object.");
        }
        var outcome = await commands.CreateAsync(id, body.ToDraft(), cancellationToken);
        return outcome.Experiment is { } experiment
            ? TypedResults.Created($"/api/projects/{id}/experiments/{experiment.Key}", ExperimentAnswer.Of(experiment))
            : Problem(outcome);
    }

    private static async Task<Results<Ok<ExperimentAnswer>, ProblemHttpResult>> GetAsync(
        long id, string key, IExperimentStore store, CancellationToken cancellationToken) =>
        await store.FindExperimentAsync(id, key, cancellationToken) is { } experiment
            ? TypedResults.Ok(ExperimentAnswer.Of(experiment))
            : Problem(ExperimentCommands.Outcome.NotFound(id, key));

    private static async Task<Results<Ok<ExperimentAnswer>, ProblemHttpResult>> UpdateAsync(
        long id, string key, ExperimentBody? body, ExperimentCommands commands, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ApiProblems.BadRequest("body", "Send the experiment as a JSON object.");
        }
        return Answer(await commands.UpdateAsync(id, key, body.ToDraft(), cancellationToken));
    }

    private static async Task<Results<Ok<ExperimentAnswer>, ProblemHttpResult>> StartAsync(
        long id, string key, ExperimentCommands commands, CancellationToken cancellationToken) =>
        Answer(await commands.StartAsync(id, key, cancellationToken));

    private static async Task<Results<Ok<ExperimentAnswer>, ProblemHttpResult>> StopAsync(
        long id, string key, StopBody? body, ExperimentCommands commands, CancellationToken cancellationToken) =>
        Answer(await commands.StopAsync(id, key, body?.Ship, body?.Note, cancellationToken));

    private static async Task<Results<Ok<ResultsAnswer>, ProblemHttpResult>> ResultsAsync(
        long id, string key, HttpContext context, IExperimentStore store, ExperimentResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = context.RouteProject();
        if (await store.FindExperimentAsync(id, key, cancellationToken) is not { } experiment)
        {
            return Problem(ExperimentCommands.Outcome.NotFound(id, key));
        }
        if (KpiQuery.ZoneProblem(project) is { } zoneProblem)
        {
            return ApiProblems.BadRequest(zoneProblem.Field, zoneProblem.Detail);
        }
        var standing = await results.ReadAsync(experiment, project.TimeZone, cancellationToken);
        if (standing.Readout is not { } readout || experiment.Window(time.GetUtcNow()) is not { } window)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Not started", "status", $"Experiment '{key}' is a draft: start it to count exposures.");
        }
        return TypedResults.Ok(new ResultsAnswer(
            experiment.Key, ExperimentRules.Name(experiment.Status), ExperimentRules.Name(experiment.Design.Method), window.From, window.To, readout.Verdict,
            readout.DecidingVariant, standing.Final, readout.RequiredPerArm, standing.Progress, readout.SrmPValue, readout.SampleRatioMismatch,
            standing.Tally.CrossExposedUsers, readout.Arms, standing.DecidedOn));
    }

    private static Results<Ok<ExperimentAnswer>, ProblemHttpResult> Answer(ExperimentCommands.Outcome outcome) =>
        outcome.Experiment is { } experiment ? TypedResults.Ok(ExperimentAnswer.Of(experiment)) : Problem(outcome);

    private static ProblemHttpResult Problem(ExperimentCommands.Outcome outcome) => outcome.Status switch
    {
        StatusCodes.Status404NotFound => ApiProblems.Problem(outcome.Status, "Experiment not found", outcome.Field!, outcome.Reason!),
        StatusCodes.Status409Conflict => ApiProblems.Problem(outcome.Status, "Conflict", outcome.Field!, outcome.Reason!),
        _ => ApiProblems.BadRequest(outcome.Field!, outcome.Reason!),
    };
}
