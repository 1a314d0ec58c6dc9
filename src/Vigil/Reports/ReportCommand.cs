using System.CommandLine;
using System.Globalization;
using Vigil.Budgets;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Feedback;
using Vigil.Goals;
using Vigil.Hosting;
using Vigil.Storage.Sqlite;

namespace Vigil.Reports;

/// <summary>
/// <c>vigil report daily|weekly --date 2026-11-20 --project 1 [--lang ko|en] [--data DIR | --url URL --token TOKEN]</c>:
/// writes a report to the terminal, as the e-mail's plain text: of an embedded install from its data directory, or
/// of any install (also scaled out) from the running Vigil at --url. Nothing is archived or sent.
/// </summary>
internal static class ReportCommand
{
    public const int Printed = 0;
    public const int Failed = 2;

    /// <summary>Where the report's dashboard link points when <c>Vigil__PublicUrl</c> is not set.</summary>
    private const string DefaultPublicUrl = "http://127.0.0.1:5080/";

    public static Command Create()
    {
        var command = new Command("report", "Print a daily report or weekly review to the terminal");
        command.Subcommands.Add(CreateKind("daily", ReportKind.Daily, "Print the daily report of one local day"));
        command.Subcommands.Add(CreateKind("weekly", ReportKind.Weekly, "Print the weekly review of the seven days ending on --date"));
        return command;
    }

    private static Command CreateKind(string name, ReportKind kind, string description)
    {
        var date = new Option<string>("--date") { Description = "The report's (last) day in the project's time zone, yyyy-MM-dd", Required = true };
        var project = new Option<long>("--project") { Description = "The project id", Required = true };
        var language = new Option<string?>("--lang") { Description = "ko or en; default: the project's report language" };
        var data = new Option<string>("--data") { Description = "The data directory of vigil serve", DefaultValueFactory = _ => "./data" };
        var url = new Option<string?>("--url") { Description = "Instead of --data: the running Vigil's address, e.g. https://vigil.example.com" };
        var token = new Option<string?>("--token") { Description = "With --url: an admin token (vga_…)" };
        var command = new Command(name, description) { date, project, language, data, url, token };
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(url) is { } address
            ? RunRemoteAsync(
                kind,
                parseResult.GetValue(date)!,
                parseResult.GetValue(project),
                parseResult.GetValue(language),
                address,
                parseResult.GetValue(token),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken)
            : RunAsync(
                kind,
                parseResult.GetValue(date)!,
                parseResult.GetValue(project),
                parseResult.GetValue(language),
                parseResult.GetValue(data)!,
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken));
        return command;
    }

    /// <summary>Prints the report that the Vigil at <paramref name="url"/> writes now (its preview API), on either backend.</summary>
    public static async Task<int> RunRemoteAsync(
        ReportKind kind, string dateText, long projectId, string? languageCode, string url, string? token, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var problem = ArgumentProblem(dateText, languageCode, out _, out _)
            ?? VigilApiClient.UrlProblem(url)
            ?? (string.IsNullOrEmpty(token) ? "--url needs --token: an admin token (vga_…)." : null);
        if (problem is not null)
        {
            error.WriteLine(problem);
            return Failed;
        }
        using var http = VigilApiClient.CreateHttpClient(url);
        try
        {
            output.Write(await new VigilApiClient(http, projectId, token!).ReadReportPreviewAsync(ReportEndpoints.KindName(kind), dateText, languageCode, cancellationToken));
            return Printed;
        }
        catch (VigilApiException exception)
        {
            error.WriteLine(exception.Message);
            return Failed;
        }
    }

    /// <summary>What is wrong with --date or --lang, or null with their values (English when --lang is not given).</summary>
    private static string? ArgumentProblem(string dateText, string? languageCode, out DateOnly date, out ReportLanguage language)
    {
        language = ReportLanguage.English;
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return $"--date must be a day as yyyy-MM-dd; '{dateText}' is not.";
        }
        return languageCode is not null && !ReportLanguages.TryParse(languageCode, out language) ? $"--lang must be ko or en; '{languageCode}' is not." : null;
    }

    public static async Task<int> RunAsync(
        ReportKind kind, string dateText, long projectId, string? languageCode, string dataDirectory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (ArgumentProblem(dateText, languageCode, out var date, out var language) is { } problem)
        {
            error.WriteLine(problem);
            return Failed;
        }
        var path = new VigilOptions { Data = dataDirectory }.DatabasePath;
        if (!File.Exists(path))
        {
            error.WriteLine($"There is no Vigil database at {path}; point --data at the directory vigil serve uses.");
            return Failed;
        }

        var database = new SqliteDatabase(path);
        var metadata = new SqliteMetadataStore(database, TimeProvider.System);
        await using var telemetry = new SqliteTelemetryStore(database);
        await metadata.MigrateAsync(cancellationToken);
        if (await metadata.FindProjectAsync(projectId, cancellationToken) is not { } project)
        {
            error.WriteLine($"There is no project {projectId}.");
            return Failed;
        }
        if (languageCode is null)
        {
            language = (await metadata.FindReportSettingsAsync(projectId, cancellationToken) ?? ReportSettings.Default(projectId)).Language;
        }

        var root = new Uri(Environment.GetEnvironmentVariable("Vigil__PublicUrl") is { Length: > 0 } url ? url.TrimEnd('/') + "/" : DefaultPublicUrl);
        var dashboard = new Uri(root, $"projects/{projectId}");
        var assembler = new ReportAssembler(telemetry, metadata, metadata, metadata,
            goals: new GoalReportSource(new GoalProgressReader(metadata, new GoalActuals(telemetry, metadata, TimeProvider.System))),
            feedback: new FeedbackReportSource(metadata));
        output.Write(kind == ReportKind.Daily
            ? ReportRenderer.Render(await assembler.DailyAsync(project, date, dashboard, cancellationToken), language, ReportFormat.PlainText)
            : ReportRenderer.Render(await assembler.WeeklyAsync(project, date, dashboard, language, cancellationToken), language, ReportFormat.PlainText));
        return Printed;
    }
}
