namespace Vigil.Dashboard;

/// <summary>The settings page's bundle-budget labels, in English and Korean; reached as <see cref="UiText.Budgets"/>.</summary>
public sealed class BudgetsText
{
    public static BudgetsText English { get; } = new()
    {
        Title = "Bundle-size budgets",
        Hint = "vigil budget check dist/ compares your built files with these in CI and fails the build when one is over. 1 KB = 1000 bytes.",
        Compression = "Measure sizes",
        Raw = "Raw (bytes on disk)",
        Gzip = "Gzipped (level 9)",
        Brotli = "Brotli (quality 11)",
        Total = "Total budget",
        TotalHint = "Every built file added up, source maps left out. Empty: no total budget.",
        Budgets = "Budgets, one a line",
        BudgetsHint = "A file pattern = the largest size, e.g. main*.js = 800 KB or assets/**/*.css = 100 KB. * stays within a folder, ** spans folders; a pattern without / matches the file name in any folder. The first line a file matches applies.",
        Save = "Save budgets",
        Saved = "Budgets saved.",
        FixErrors = "The budgets were not saved; fix the marked fields.",
        TotalError = "Enter a size such as 1.5 MB or 500 KB, or leave it empty.",
    };

    public static BudgetsText Korean { get; } = new()
    {
        Title = "번들 크기 예산",
        Hint = "CI에서 vigil budget check dist/ 명령이 빌드된 파일을 이 예산과 비교하고, 하나라도 넘으면 빌드를 실패시킵니다. 1 KB = 1000바이트.",
        Compression = "크기 측정 방식",
        Raw = "원본 (디스크의 바이트)",
        Gzip = "gzip 압축 (레벨 9)",
        Brotli = "Brotli 압축 (품질 11)",
        Total = "전체 예산",
        TotalHint = "소스 맵을 뺀 모든 빌드 파일의 합입니다. 비워 두면 전체 예산이 없습니다.",
        Budgets = "예산 (한 줄에 하나)",
        BudgetsHint = "파일 패턴 = 최대 크기, 예: main*.js = 800 KB 또는 assets/**/*.css = 100 KB. *는 폴더 안에서, **는 여러 폴더에 걸쳐 맞춥니다. /가 없는 패턴은 어느 폴더에서든 파일 이름에 맞춥니다. 파일에는 처음 맞는 줄이 적용됩니다.",
        Save = "예산 저장",
        Saved = "예산을 저장했습니다.",
        FixErrors = "예산을 저장하지 못했습니다. 표시된 칸을 고치세요.",
        TotalError = "1.5 MB나 500 KB 같은 크기를 입력하거나 비워 두세요.",
    };

    public required string Title { get; init; }
    public required string Hint { get; init; }
    public required string Compression { get; init; }
    public required string Raw { get; init; }
    public required string Gzip { get; init; }
    public required string Brotli { get; init; }
    public required string Total { get; init; }
    public required string TotalHint { get; init; }
    public required string Budgets { get; init; }
    public required string BudgetsHint { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string FixErrors { get; init; }
    public required string TotalError { get; init; }

    /// <summary>A problem with one line of the budgets: the checker's own words in English, a general reminder in Korean.</summary>
    public string LineError(int line, string message) => ReferenceEquals(this, Korean)
        ? $"{line}번째 줄: 패턴 = 크기 (예: main*.js = 800 KB) 형식으로, 앞 줄과 다른 패턴을 입력하세요."
        : $"Line {line}: {message}";
}
