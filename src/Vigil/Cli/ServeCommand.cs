using System.CommandLine;
using Spectre.Console;
using Vigil.Demo;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Cli;

/// <summary><c>vigil serve</c>: settings come from flags, then <c>Vigil__*</c> environment variables, then defaults.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:5080; env Vigil__Urls)." };
        var data = new Option<string?>("--data") { Description = "Directory of the SQLite file vigil.db, or of the ClickHouse spool when scaled out (default ./data; env Vigil__Data)." };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of the first project (default Asia/Seoul; env Vigil__TimeZone)." };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string for metadata (env Vigil__Postgres); needs --clickhouse." };
        var clickHouse = new Option<string?>("--clickhouse") { Description = "ClickHouse connection string for events, Url=http://host:8123;Database=vigil (env Vigil__ClickHouse); needs --postgres." };
        var demo = new Option<bool>("--demo") { Description = "Load 30 days of demo data through the ingestion API before serving." };
        var command = new Command("serve", "Serve the dashboard, the API and the ingestion endpoints.") { urls, data, timeZone, postgres, clickHouse, demo };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(VigilOptions.Section).Get<VigilOptions>() ?? new VigilOptions();
            options.Urls = parseResult.GetValue(urls) ?? options.Urls;
            options.Data = parseResult.GetValue(data) ?? options.Data;
            options.TimeZone = parseResult.GetValue(timeZone) ?? options.TimeZone;
            options.Postgres = parseResult.GetValue(postgres) ?? options.Postgres;
            options.ClickHouse = parseResult.GetValue(clickHouse) ?? options.ClickHouse;
            return await ServeAsync(options, parseResult.GetValue(demo), cancellationToken);
        });
        return command;
    }

    private static async Task<int> ServeAsync(VigilOptions options, bool demo, CancellationToken cancellationToken)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }
            return 2;
        }
        await using var app = VigilHost.Build(options, TimeProvider.System);
        var firstStart = await VigilHost.InitializeAsync(app, cancellationToken);
        await app.StartAsync(cancellationToken);
        var dashboardUrl = app.Urls.First();
        if (firstStart is not null)
        {
            Console.WriteLine($"Project id: {firstStart.ProjectId}");
            Console.WriteLine($"Ingest key: {firstStart.IngestKey}");
            Console.WriteLine($"Admin token: {firstStart.AdminToken}");
            Console.WriteLine($"Login: {firstStart.Email} / {firstStart.Password}");
            Console.WriteLine("Keep these: the password and the admin token are shown only once.");
        }
        if (demo)
        {
            await LoadDemoAsync(app, options, cancellationToken);
        }
        Console.WriteLine($"Dashboard: {dashboardUrl}");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>
    /// Sends the demo history into the first project through the ingestion API, once per data directory: a marker
    /// file keeps a restart with --demo from doubling it. The project's health URL, if unset, becomes Vigil's own.
    /// </summary>
    private static async Task LoadDemoAsync(WebApplication app, VigilOptions options, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(Path.GetFullPath(options.Data), "demo-loaded");
        if (File.Exists(marker))
        {
            Console.WriteLine($"Demo data was loaded before ({marker}); not loading it twice.");
            return;
        }
        var projects = app.Services.GetRequiredService<ProjectDirectory>();
        var project = (await projects.ListProjectsAsync(cancellationToken))[0];
        var ingestKey = (await projects.ListIngestKeysAsync(project.Id, cancellationToken))[0];
        var server = new Uri(app.Urls.First());
        if (project.HealthUrl is null)
        {
            await projects.UpdateProjectAsync(project with { HealthUrl = new Uri(server, "healthz").ToString() }, cancellationToken);
        }
        var result = await DemoCommand.RunAsync(server, ingestKey, DemoDataGenerator.MaxDays, 5000, TimeProvider.System, AnsiConsole.Console, cancellationToken);
        if (result.Succeeded)
        {
            await File.WriteAllTextAsync(marker, $"{result.EventsAccepted} events, {result.RequestsAccepted} requests\n", cancellationToken);
        }
    }
}
