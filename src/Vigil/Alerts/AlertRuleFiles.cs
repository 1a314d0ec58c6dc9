using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Vigil.Core.Alerts;
using Vigil.Core.Storage;
using Vigil.Hosting;

namespace Vigil.Alerts;

/// <summary>A file in the rules directory that was not taken, and why; the project's previous rules keep running.</summary>
public sealed record RefusedRuleFile(string Path, DateTimeOffset At, IReadOnlyList<RuleFileError> Problems);

/// <summary>
/// Each project's alert rules: saved in the metadata store (so every node evaluates the same rules), edited through the
/// API and the UI, and, on the embedded install, mirrored to <c>rules/&lt;project id&gt;.yaml</c> in the data directory
/// where people may edit them in place. A file that does not parse is refused and the rules in force stay.
/// </summary>
internal sealed partial class AlertRuleFiles(IAlertStore store, VigilOptions options, TimeProvider time, ILogger<AlertRuleFiles> logger)
{
    /// <summary>What a project without rules starts from: the seed plan's rules, commented out.</summary>
    public const string Starter = """
        # Alert rules: uncomment and adapt. Conditions, windows and channels are described in README "Alerts".
        alerts: []
        #  - name: Service Down
        #    severity: critical
        #    condition: uptime < 99%
        #    duration: 1min
        #    notify:
        #      - slack: "#emergency"
        #      - sms: on-call team
        #  - name: Slow Response
        #    condition: p95_response_time > 3s
        #    duration: 10min
        #    notify:
        #      - slack: "#performance"
        #
        # channels:
        #   "#emergency": { slack: "https://hooks.slack.com/services/..." }
        #   "#performance": { slack: "https://hooks.slack.com/services/..." }
        # contacts:
        #   on-call team: { phone: ["010-1234-5678"] }

        """;

    /// <summary>The longest rule file taken through the API or the UI.</summary>
    public const int MaxCharacters = 256 * 1024;

    private readonly ConcurrentDictionary<long, RefusedRuleFile> _refused = new();
    private readonly ConcurrentDictionary<string, DateTime> _seenWrites = new();
    private int _ignoredDirectoryReported;

    public async Task<StoredRuleFile?> FindAsync(long projectId, CancellationToken cancellationToken) =>
        await store.FindRuleFileAsync(projectId, cancellationToken);

    /// <summary>The file last refused for the project, if its rules in force are older than what is on disk.</summary>
    public RefusedRuleFile? RefusedFor(long projectId) => _refused.GetValueOrDefault(projectId);

    /// <summary>Saves valid rules (and, embedded, their file); invalid rules change nothing and come back with every problem.</summary>
    public async Task<(StoredRuleFile? Saved, IReadOnlyList<RuleFileError> Problems)> SaveAsync(long projectId, string yaml, CancellationToken cancellationToken)
    {
        var parsed = RuleFileParser.Parse(yaml);
        if (parsed.Errors.Count > 0)
        {
            return (null, parsed.Errors);
        }
        var saved = await store.SaveRuleFileAsync(projectId, yaml, time.GetUtcNow(), cancellationToken);
        _refused.TryRemove(projectId, out _);
        if (!options.ScaledOut)
        {
            await WriteFileAsync(projectId, yaml, cancellationToken);
        }
        return (saved, []);
    }

    /// <summary>
    /// Takes in the files of the rules directory written since they were last seen. Scaled out, nodes share no data
    /// directory, so a file on one node could silently replace rules saved through the API from another: files are
    /// not read there, and rules are edited through the API or the UI (README "Alerts").
    /// </summary>
    public async Task ImportChangedFilesAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.RulesDirectory))
        {
            return;
        }
        if (options.ScaledOut)
        {
            if (Interlocked.Exchange(ref _ignoredDirectoryReported, 1) == 0)
            {
                LogRulesDirectoryIgnored(options.RulesDirectory);
            }
            return;
        }
        foreach (var path in Directory.EnumerateFiles(options.RulesDirectory))
        {
            if (ProjectIdOf(Path.GetFileName(path)) is not { } projectId)
            {
                continue;
            }
            var written = File.GetLastWriteTimeUtc(path);
            if (_seenWrites.TryGetValue(path, out var seen) && seen == written)
            {
                continue;
            }
            var yaml = await File.ReadAllTextAsync(path, cancellationToken);
            _seenWrites[path] = written;
            var current = await store.FindRuleFileAsync(projectId, cancellationToken);
            if (current?.Yaml == yaml)
            {
                continue;
            }
            var parsed = RuleFileParser.Parse(yaml);
            if (parsed.Errors.Count > 0)
            {
                _refused[projectId] = new RefusedRuleFile(path, time.GetUtcNow(), parsed.Errors);
                var first = parsed.Errors[0];
                LogFileRefused(path, parsed.Errors.Count, first.Line, first.Column, first.Message);
                continue;
            }
            await store.SaveRuleFileAsync(projectId, yaml, time.GetUtcNow(), cancellationToken);
            _refused.TryRemove(projectId, out _);
            LogFileLoaded(path, parsed.RuleSet!.Alerts.Count);
        }
    }

    private static long? ProjectIdOf(string fileName)
    {
        var match = FileName().Match(fileName);
        return match.Success && long.TryParse(match.Groups["id"].Value, out var id) ? id : null;
    }

    private async Task WriteFileAsync(long projectId, string yaml, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.RulesDirectory);
        var existing = Directory.EnumerateFiles(options.RulesDirectory).FirstOrDefault(path => ProjectIdOf(Path.GetFileName(path)) == projectId);
        var path = existing ?? Path.Combine(options.RulesDirectory, $"{projectId}.yaml");
        // Written beside and renamed over, so a reader never sees half a file.
        var temporary = path + ".saving";
        await File.WriteAllTextAsync(temporary, yaml, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        _seenWrites[path] = File.GetLastWriteTimeUtc(path);
    }

    [GeneratedRegex(@"^(?<id>[0-9]+)(-[^.]*)?\.ya?ml$")]
    private static partial Regex FileName();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rules in {Path} refused ({Count} problems; first at {Line}:{Column}: {Problem}); the rules in force stay")]
    private partial void LogFileRefused(string path, int count, int line, int column, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert rules loaded from {Path}: {Count} rules")]
    private partial void LogFileLoaded(string path, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scaled out, alert rule files in {Path} are not read: edit rules through the API or the Alerts page")]
    private partial void LogRulesDirectoryIgnored(string path);
}
