using Vigil.Core.Budgets;

namespace Vigil.Core.Tests.Budgets;

public sealed class FilePatternTests
{
    [Theory]
    [InlineData("main*.js", "main.js", true)]
    [InlineData("main*.js", "assets/main.3f2a1c.js", true)]
    [InlineData("main*.js", "assets/main.3f2a1c.js.map", false)]
    [InlineData("main*.js", "assets/domain.js", false)]
    [InlineData("main*.js", "Main.js", false)]
    [InlineData("**/*.css", "app.css", true)]
    [InlineData("**/*.css", "assets/deep/app.css", true)]
    [InlineData("assets/*.js", "assets/app.js", true)]
    [InlineData("assets/*.js", "assets/chunks/app.js", false)]
    [InlineData("assets/*.js", "other/assets/app.js", false)]
    [InlineData("assets/**", "assets/chunks/app.js", true)]
    [InlineData("assets/**/app.js", "assets/app.js", true)]
    [InlineData("chunk-????.js", "chunk-a1b2.js", true)]
    [InlineData("chunk-????.js", "chunk-a1b2c.js", false)]
    [InlineData("vendor.(legacy).js", "vendor.(legacy).js", true)]
    [InlineData("vendor.(legacy).js", "vendorX(legacy)Xjs", false)]
    public void Matches_GlobAgainstRelativePath(string pattern, string path, bool expected) =>
        Assert.Equal(expected, FilePattern.Parse(pattern).Matches(path));

    [Theory]
    [InlineData("", "required")]
    [InlineData("/main.js", "empty folder name")]
    [InlineData("assets//main.js", "empty folder name")]
    [InlineData(@"assets\main.js", "separated by /")]
    [InlineData("main.js=1", "separates")]
    [InlineData(" main.js", "space")]
    public void Problem_BadPattern_SaysWhy(string pattern, string expected)
    {
        Assert.Contains(expected, FilePattern.Problem(pattern));
        Assert.Throws<ArgumentException>(() => FilePattern.Parse(pattern));
    }

    [Fact]
    public void Problem_LongerThan200Characters_Refused()
    {
        Assert.Null(FilePattern.Problem(new string('a', 200)));
        Assert.Contains("longer than 200", FilePattern.Problem(new string('a', 201)));
    }
}
