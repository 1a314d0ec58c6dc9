using System.Globalization;
using System.Text.Json;
using Dapper;
using Vigil.Core.Alerts;
using Vigil.Core.Reports;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IReportStore
{
    private const string ReportColumns = """
        id AS Id, project_id AS ProjectId, kind AS Kind, period_from AS PeriodFrom, period_to AS PeriodTo, language AS Language,
        scheduled AS Scheduled, subject AS Subject, body AS Body, created_at AS CreatedAt
        """;

    public async Task<ReportSettings?> FindReportSettingsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReportSettingsRow>(new CommandDefinition(
            """
            SELECT project_id AS ProjectId, daily_schedule AS DailySchedule, weekly_schedule AS WeeklySchedule, language AS Language, recipients AS Recipients
            FROM report_settings WHERE project_id = @projectId
            """,
            new { projectId }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new ReportSettings(row.ProjectId, row.DailySchedule, row.WeeklySchedule, Enum.Parse<ReportLanguage>(row.Language),
                JsonSerializer.Deserialize<List<NotifyTarget>>(row.Recipients, Json)!);
    }

    public async Task SaveReportSettingsAsync(ReportSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_settings (project_id, daily_schedule, weekly_schedule, language, recipients)
            VALUES (@ProjectId, @DailySchedule, @WeeklySchedule, @Language, @Recipients)
            ON CONFLICT (project_id) DO UPDATE SET daily_schedule = excluded.daily_schedule, weekly_schedule = excluded.weekly_schedule,
                language = excluded.language, recipients = excluded.recipients
            """,
            new
            {
                settings.ProjectId,
                settings.DailySchedule,
                settings.WeeklySchedule,
                Language = settings.Language.ToString(),
                Recipients = JsonSerializer.Serialize(settings.Recipients, Json),
            },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> IsScheduledReportArchivedAsync(long projectId, ReportKind kind, DateOnly from, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM reports WHERE project_id = @projectId AND kind = @kind AND period_from = @from AND scheduled = 1",
            new { projectId, kind = kind.ToString(), from = DateText(from) }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<ArchivedReport?> ArchiveReportAsync(
        ArchivedReport report, Func<long, IReadOnlyList<PlannedNotification>> notifications, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The partial unique index makes a second scheduled copy a no-op on every node, whatever the timing.
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO reports (project_id, kind, period_from, period_to, language, scheduled, subject, body, created_at)
            VALUES (@ProjectId, @Kind, @From, @To, @Language, @Scheduled, @Subject, @Text, @CreatedAt)
            ON CONFLICT (project_id, kind, period_from) WHERE scheduled = 1 DO NOTHING
            RETURNING id
            """,
            new
            {
                report.ProjectId,
                Kind = report.Kind.ToString(),
                From = DateText(report.From),
                To = DateText(report.To),
                Language = report.Language.ToString(),
                Scheduled = report.Scheduled ? 1L : 0L,
                report.Subject,
                report.Text,
                CreatedAt = report.CreatedAt.ToUnixTimeMilliseconds(),
            },
            transaction, cancellationToken: cancellationToken));
        if (id is null)
        {
            return null;
        }
        await QueueNotificationsAsync(connection, transaction, notifications(id.Value), report.CreatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return report with { Id = id.Value, CreatedAt = FromMilliseconds(report.CreatedAt.ToUnixTimeMilliseconds()) };
    }

    public async Task<IReadOnlyList<ArchivedReport>> ListReportsAsync(long projectId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"SELECT {ReportColumns} FROM reports WHERE project_id = @projectId ORDER BY id DESC LIMIT @limit",
            new { projectId, limit }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToReport()).ToList();
    }

    public async Task<ArchivedReport?> FindReportAsync(long projectId, long reportId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition(
            $"SELECT {ReportColumns} FROM reports WHERE project_id = @projectId AND id = @reportId",
            new { projectId, reportId }, cancellationToken: cancellationToken));
        return row?.ToReport();
    }

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record ReportSettingsRow(long ProjectId, string? DailySchedule, string? WeeklySchedule, string Language, string Recipients);

    private sealed record ReportRow(
        long Id, long ProjectId, string Kind, string PeriodFrom, string PeriodTo, string Language, long Scheduled, string Subject, string Body, long CreatedAt)
    {
        public ArchivedReport ToReport() => new(
            Id,
            ProjectId,
            Enum.Parse<ReportKind>(Kind),
            DateOnly.ParseExact(PeriodFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(PeriodTo, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Enum.Parse<ReportLanguage>(Language),
            Scheduled == 1,
            Subject,
            Body,
            FromMilliseconds(CreatedAt));
    }
}
