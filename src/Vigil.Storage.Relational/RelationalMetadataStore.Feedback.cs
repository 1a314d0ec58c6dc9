using Dapper;
using Vigil.Core.Feedback;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IFeedbackStore
{
    private const string FeedbackColumns = """
        id AS Id, project_id AS ProjectId, created_at AS CreatedAt, rating AS Rating, category AS Category, text AS Text,
        page AS Page, distinct_id AS DistinctId, status AS Status
        """;

    private const string NpsResponseColumns = """
        id AS Id, project_id AS ProjectId, created_at AS CreatedAt, score AS Score, comment AS Comment, distinct_id AS DistinctId, page AS Page
        """;

    public async Task<FeedbackItem> AddFeedbackAsync(long projectId, FeedbackSubmission submission, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<FeedbackRow>(new CommandDefinition(
            $"""
            INSERT INTO feedback (project_id, created_at, rating, category, text, page, distinct_id, status)
            VALUES (@projectId, @createdAt, @rating, @category, @text, @page, @distinctId, @status)
            RETURNING {FeedbackColumns}
            """,
            new
            {
                projectId,
                createdAt = submission.CreatedAt.ToUnixTimeMilliseconds(),
                rating = submission.Rating,
                category = FeedbackNames.Of(submission.Category),
                text = submission.Text,
                page = submission.Page,
                distinctId = submission.DistinctId,
                status = FeedbackNames.Of(FeedbackStatus.New),
            },
            cancellationToken: cancellationToken));
        return row.ToItem();
    }

    public async Task<FeedbackResults> ListFeedbackAsync(long projectId, FeedbackFilter filter, int limit, int offset, CancellationToken cancellationToken)
    {
        var conditions = new List<string> { "project_id = @projectId" };
        var parameters = new DynamicParameters(new { projectId, limit, offset });
        if (filter.Category is { } category)
        {
            conditions.Add("category = @category");
            parameters.Add("category", FeedbackNames.Of(category));
        }
        if (filter.Rating is { } rating)
        {
            conditions.Add("rating = @rating");
            parameters.Add("rating", rating);
        }
        if (filter.Status is { } status)
        {
            conditions.Add("status = @status");
            parameters.Add("status", FeedbackNames.Of(status));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            conditions.Add("lower(text) LIKE @search ESCAPE '\\'");
            parameters.Add("search", "%" + LikeEscaped(filter.Search.Trim().ToLowerInvariant()) + "%");
        }
        var where = string.Join(" AND ", conditions);
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FeedbackRow>(new CommandDefinition(
            $"SELECT {FeedbackColumns} FROM feedback WHERE {where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM feedback WHERE {where}", parameters, cancellationToken: cancellationToken));
        return new FeedbackResults(rows.Select(row => row.ToItem()).ToList(), total);
    }

    public async Task<IReadOnlyList<FeedbackItem>> ReadFeedbackAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FeedbackRow>(new CommandDefinition(
            $"SELECT {FeedbackColumns} FROM feedback WHERE project_id = @projectId AND created_at >= @from AND created_at < @to ORDER BY created_at DESC, id DESC",
            new { projectId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToItem()).ToList();
    }

    public async Task<FeedbackItem?> SetFeedbackStatusAsync(long projectId, long feedbackId, FeedbackStatus status, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FeedbackRow>(new CommandDefinition(
            $"UPDATE feedback SET status = @status WHERE project_id = @projectId AND id = @feedbackId RETURNING {FeedbackColumns}",
            new { projectId, feedbackId, status = FeedbackNames.Of(status) }, cancellationToken: cancellationToken));
        return row?.ToItem();
    }

    public async Task<NpsSettings> ReadNpsSettingsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<NpsSettingsRow>(new CommandDefinition(
            "SELECT project_id AS ProjectId, enabled AS Enabled, period_days AS PeriodDays, question AS Question FROM nps_settings WHERE project_id = @projectId",
            new { projectId }, cancellationToken: cancellationToken));
        return row is null ? NpsSettings.Default(projectId) : new NpsSettings(row.ProjectId, row.Enabled != 0, TimeSpan.FromDays(row.PeriodDays), row.Question);
    }

    public async Task SaveNpsSettingsAsync(NpsSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO nps_settings (project_id, enabled, period_days, question) VALUES (@projectId, @enabled, @periodDays, @question)
            ON CONFLICT (project_id) DO UPDATE SET enabled = excluded.enabled, period_days = excluded.period_days, question = excluded.question
            """,
            new { projectId = settings.ProjectId, enabled = settings.Enabled ? 1 : 0, periodDays = (long)settings.Period.TotalDays, question = settings.Question },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> TryBeginNpsPromptAsync(long projectId, string distinctId, DateTimeOffset at, TimeSpan period, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // The conflict update runs only when the last showing is old enough; otherwise the statement returns nothing.
        var shown = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            """
            INSERT INTO nps_prompts (project_id, distinct_id, shown_at, outcome, outcome_at) VALUES (@projectId, @distinctId, @at, NULL, NULL)
            ON CONFLICT (project_id, distinct_id) DO UPDATE SET shown_at = excluded.shown_at, outcome = NULL, outcome_at = NULL
            WHERE nps_prompts.shown_at <= @dueBefore
            RETURNING distinct_id
            """,
            new { projectId, distinctId, at = at.ToUnixTimeMilliseconds(), dueBefore = (at - period).ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return shown is not null;
    }

    public async Task<NpsResponse?> RecordNpsAnswerAsync(long projectId, NpsAnswer answer, CancellationToken cancellationToken)
    {
        var at = answer.At.ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO nps_prompts (project_id, distinct_id, shown_at, outcome, outcome_at) VALUES (@projectId, @distinctId, @at, @outcome, @at)
            ON CONFLICT (project_id, distinct_id) DO UPDATE SET outcome = excluded.outcome, outcome_at = excluded.outcome_at,
                shown_at = CASE WHEN nps_prompts.outcome IS NULL THEN nps_prompts.shown_at ELSE excluded.shown_at END
            """,
            new { projectId, distinctId = answer.DistinctId, at, outcome = answer.Outcome.ToString() }, transaction, cancellationToken: cancellationToken));
        NpsResponse? response = null;
        if (answer.Score is { } score)
        {
            var row = await connection.QuerySingleAsync<NpsResponseRow>(new CommandDefinition(
                $"""
                INSERT INTO nps_responses (project_id, created_at, score, comment, distinct_id, page)
                VALUES (@projectId, @at, @score, @comment, @distinctId, @page)
                RETURNING {NpsResponseColumns}
                """,
                new { projectId, at, score, comment = answer.Comment, distinctId = answer.DistinctId, page = answer.Page }, transaction, cancellationToken: cancellationToken));
            response = row.ToResponse();
        }
        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    public async Task<IReadOnlyList<NpsResponse>> ReadNpsResponsesAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NpsResponseRow>(new CommandDefinition(
            $"SELECT {NpsResponseColumns} FROM nps_responses WHERE project_id = @projectId AND created_at >= @from AND created_at < @to ORDER BY created_at, id",
            new { projectId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToResponse()).ToList();
    }

    private static string LikeEscaped(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed record FeedbackRow(long Id, long ProjectId, long CreatedAt, long Rating, string Category, string? Text, string? Page, string? DistinctId, string Status)
    {
        // Written only from the enums, so the names always parse.
        public FeedbackItem ToItem() => new(Id, ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), (int)Rating,
            FeedbackNames.ParseCategory(Category) ?? FeedbackCategory.Improvement, Text, Page, DistinctId, FeedbackNames.ParseStatus(Status) ?? FeedbackStatus.New);
    }

    private sealed record NpsResponseRow(long Id, long ProjectId, long CreatedAt, long Score, string? Comment, string? DistinctId, string? Page)
    {
        public NpsResponse ToResponse() => new(Id, ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), (int)Score, Comment, DistinctId, Page);
    }

    private sealed record NpsSettingsRow(long ProjectId, long Enabled, long PeriodDays, string? Question);
}
