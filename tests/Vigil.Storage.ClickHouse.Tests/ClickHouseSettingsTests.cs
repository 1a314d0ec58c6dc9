namespace Vigil.Storage.ClickHouse.Tests;

public sealed class ClickHouseSettingsTests
{
    [Fact]
    public void Parse_SingleServer_DefaultsTheDatabase()
    {
        var settings = ClickHouseSettings.Parse("Url=http://127.0.0.1:8123");

        Assert.Equal(new Uri("http://127.0.0.1:8123"), settings.Url);
        Assert.Equal("vigil", settings.Database);
        Assert.Null(settings.Cluster);
        Assert.Equal([settings.Url], settings.Servers);
    }

    [Fact]
    public void Parse_Cluster_ListsEveryShardAsAServer()
    {
        var settings = ClickHouseSettings.Parse("url=http://ch1:8123; Database=events; Cluster=vigil; Shards=http://ch1:8123, http://ch2:8123; User=vigil; Password=secret");

        Assert.Equal("events", settings.Database);
        Assert.Equal("vigil", settings.Cluster);
        Assert.Equal([new Uri("http://ch1:8123"), new Uri("http://ch2:8123")], settings.Servers);
        Assert.Equal(("vigil", "secret"), (settings.User, settings.Password));
    }

    [Theory]
    [InlineData("Database=vigil", "Url is required")]
    [InlineData("Url=ftp://ch1", "not an http(s) address")]
    [InlineData("Url=http://ch1;Database=vigil-prod", "letters, digits and underscores")]
    [InlineData("Url=http://ch1;Cluster=vigil", "Cluster needs Shards")]
    [InlineData("Url=http://ch1;Shards=http://ch2", "only used with Cluster")]
    [InlineData("Url=http://ch1;Host=ch1", "unknown key 'Host'")]
    [InlineData("Url=http://ch1;nonsense", "not key=value")]
    public void Parse_Invalid_SaysWhatIsWrong(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ClickHouseSettings.Parse(connectionString));

        Assert.Contains(expected, error.Message);
    }
}
