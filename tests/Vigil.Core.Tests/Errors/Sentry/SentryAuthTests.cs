using Vigil.Core.Errors.Sentry;

namespace Vigil.Core.Tests.Errors.Sentry;

public sealed class SentryAuthTests
{
    [Theory]
    [InlineData("Sentry sentry_version=7, sentry_client=sentry.python/2.19.0, sentry_key=vgi_abc", "vgi_abc")]
    [InlineData("Sentry sentry_key=vgi_abc,sentry_version=7", "vgi_abc")]
    [InlineData("sentry_key=vgi_abc, sentry_secret=old", "vgi_abc")]
    [InlineData("Sentry sentry_version=7", null)]
    [InlineData("Sentry sentry_key=", null)]
    [InlineData("Bearer vgi_abc", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void KeyFromHeader_SentryAuthHeaders_TheKey(string? header, string? key)
    {
        Assert.Equal(key, SentryAuth.KeyFromHeader(header));
    }

    [Theory]
    [InlineData("https://vgi_abc@vigil.example/42", "vgi_abc")]
    [InlineData("http://vgi_abc:secret@127.0.0.1:5080/7", "vgi_abc")]
    [InlineData("https://vigil.example/42", null)]
    [InlineData("not a dsn", null)]
    [InlineData(null, null)]
    public void KeyFromDsn_Dsns_ThePublicKey(string? dsn, string? key)
    {
        Assert.Equal(key, SentryAuth.KeyFromDsn(dsn));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://vgi_abc@127.0.0.1:5080/42")]
    [InlineData("https://vigil.example/monitoring/", "https://vgi_abc@vigil.example/monitoring/42")]
    public void Dsn_OriginKeyAndProject_TheDsnThatLeadsBackToThem(string origin, string dsn)
    {
        Assert.Equal(dsn, SentryAuth.Dsn(origin, "vgi_abc", 42));
        Assert.Equal("vgi_abc", SentryAuth.KeyFromDsn(dsn));
    }
}
