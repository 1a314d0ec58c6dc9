using System.Data.Common;
using Vigil.Core.Errors;
using Vigil.Core.Projects;
using Vigil.Core.Storage;
using Vigil.Ingest;

namespace Vigil.Errors;

/// <summary>
/// Takes in grouped errors from any source (<c>/v1/errors</c>, the browser snippet, Sentry, OTLP): records their issues
/// first, then the errors themselves. A crash between the two leaves an issue whose errors the client, never answered,
/// sends again; recording sightings twice changes nothing more, so errors never exist without their issue.
/// </summary>
internal sealed class ErrorIngest(IErrorIssueStore issues, IngestWriter writer)
{
    /// <summary>Completes when the errors are committed; throws <see cref="IngestUnavailableException"/> when they were not.</summary>
    public async Task WriteAsync(Project project, IReadOnlyList<GroupedError> errors, CancellationToken cancellationToken)
    {
        if (errors.Count == 0)
        {
            return;
        }
        try
        {
            await issues.RecordSightingsAsync(project.Id, ErrorIngestParser.Sightings(errors), cancellationToken);
        }
        catch (DbException exception)
        {
            throw new IngestUnavailableException("The issue store could not record the errors' issues.", exception);
        }
        await writer.WriteErrorsAsync(project, errors.Select(grouped => grouped.Error).ToList(), cancellationToken);
    }
}
