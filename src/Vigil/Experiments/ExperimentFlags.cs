using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Experiments;
using Vigil.Core.Ingest.PostHog;
using Vigil.Core.Storage;
using Vigil.Ingest.PostHog;
using Vigil.Projects;

namespace Vigil.Experiments;

/// <summary>
/// PostHog's <c>/flags</c> and <c>/decide</c>: the project's running experiments as multivariate flags, valued with the
/// user's variant (<see cref="VariantAssignment"/>, as the snippet and <c>/v1/experiments/{key}/variant</c> assign),
/// so <c>posthog.getFeatureFlag("checkout-button")</c> answers it and the SDK's own <c>$feature_flag_called</c>
/// exposes the user. Answering is not exposing: SDKs ask for every flag at start. A request without a known key or a
/// user gets no flags, never an error, so an SDK carries on.
/// </summary>
internal static class ExperimentFlags
{
    private static readonly IReadOnlyList<string> SupportedCompression = ["gzip", "gzip-js", "lz64"];

    /// <summary>A flag as /flags (v2) describes it; the SDKs read <c>variant</c>, else <c>enabled</c>.</summary>
    public sealed record FlagDetail(string Key, bool Enabled, string Variant, FlagMetadata Metadata);

    public sealed record FlagMetadata(string? Payload);

    public static async Task<Ok<FeatureFlagsResponse>> AnswerAsync(HttpContext context, ProjectDirectory projects, IExperimentStore store)
    {
        using var payload = await PostHogRequestPayload.ReadAsync(context);
        var root = payload.Document?.RootElement;
        var key = root is { } request ? PostHogCapture.FindKey(request).Key : null;
        var distinctId = root is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("distinct_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        var project = key is null || string.IsNullOrEmpty(distinctId) ? null : await projects.FindIngestProjectAsync(key, context.RequestAborted);
        var variants = new Dictionary<string, string>();
        if (project is not null)
        {
            foreach (var experiment in await store.ListExperimentsAsync(project.Id, context.RequestAborted))
            {
                if (experiment.Status == ExperimentStatus.Running)
                {
                    variants[experiment.Key] = experiment.Variants[VariantAssignment.Assign(experiment.Key, distinctId!, experiment.Weights)].Name;
                }
            }
        }
        return TypedResults.Ok(new FeatureFlagsResponse(
            variants.ToDictionary(pair => pair.Key, object (pair) => new FlagDetail(pair.Key, true, pair.Value, new FlagMetadata(null))),
            variants.ToDictionary(pair => pair.Key, object (pair) => pair.Value),
            new Dictionary<string, object>(),
            ErrorsWhileComputingFlags: false,
            SessionRecording: false,
            SupportedCompression));
    }
}
