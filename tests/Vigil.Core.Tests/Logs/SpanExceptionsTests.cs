using Vigil.Core.Errors;
using Vigil.Core.Ingest.Otlp.Proto.Trace;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Logs;

public sealed class SpanExceptionsTests
{
    private static Span.Types.Event Exception(string? type, string? message, string? stack = null, DateTimeOffset? at = null)
    {
        var spanEvent = new Span.Types.Event { Name = "exception", TimeUnixNano = Some.UnixNanoseconds(at ?? Some.Now.AddMinutes(-1)) };
        foreach (var (key, value) in new[] { ("exception.type", type), ("exception.message", message), ("exception.stacktrace", stack) })
        {
            if (value is not null)
            {
                spanEvent.Attributes.Add(Some.Attribute(key, value));
            }
        }
        return spanEvent;
    }

    [Fact]
    public void ToErrors_ExceptionEvent_ErrorWithTraceGroupAndFrames()
    {
        var span = Some.ServerSpan(("enduser.id", "u-7"));
        span.Events.Add(Exception("System.InvalidOperationException", "Order 42 has no lines",
            "System.InvalidOperationException: Order 42 has no lines\n   at Shop.Orders.Checkout(Int32 id) in /src/Shop/Orders.cs:line 18"));
        span.Events.Add(new Span.Types.Event { Name = "retry", TimeUnixNano = span.EndTimeUnixNano });
        var export = Some.TraceExport(span);
        export.ResourceSpans[0].Resource.Attributes.Add(Some.Attribute("service.version", "1.4.2"));
        export.ResourceSpans[0].Resource.Attributes.Add(Some.Attribute("deployment.environment.name", "production"));

        var grouped = Assert.Single(SpanExceptions.ToErrors(export, Some.ProjectId, Some.Now));

        var error = grouped.Error;
        Assert.Equal(("otlp", "error", "System.InvalidOperationException", "Order 42 has no lines"), (error.Source, error.Level, error.Type, error.Message));
        Assert.Equal(("5b8efff798038103d269b633813fc60c", "u-7", "1.4.2", "production"), (error.TraceId, error.DistinctId, error.Release, error.Environment));
        Assert.Equal(Some.Now.AddMinutes(-1), error.Timestamp);
        Assert.Equal(ErrorGrouping.Group(new ErrorReport(error.Type, error.Message, error.Frames)), grouped.Group);
        Assert.NotEmpty(error.Frames);
    }

    [Fact]
    public void ToErrors_NoTypeNoMessageOrOutsideTheWindow_PassedOver()
    {
        var span = Some.ServerSpan();
        span.Events.Add(Exception(null, null, "at x"));
        span.Events.Add(Exception("Boom", "old", at: Some.Now.AddDays(-31)));

        Assert.Empty(SpanExceptions.ToErrors(Some.TraceExport(span), Some.ProjectId, Some.Now));
    }
}
