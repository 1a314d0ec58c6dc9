using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Rpc;
using Status = Vigil.Core.Ingest.Otlp.Proto.Rpc.Status;

namespace Vigil.Ingest.Otlp;

/// <summary>
/// An OTLP/HTTP answer: the protobuf message, encoded as the request was (the specification requires the same
/// Content-Type both ways). Failures are a google.rpc.Status, whatever the status code.
/// </summary>
internal sealed class OtlpResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    // google.rpc.Code values; OTLP clients go by the HTTP status, the code is for their logs.
    private const int InvalidArgument = 3;
    private const int Unauthenticated = 16;
    private const int Unavailable = 14;

    private readonly byte[] _body;

    private OtlpResult(int statusCode, IMessage message, OtlpEncoding encoding)
    {
        StatusCode = statusCode;
        ContentType = OtlpPayload.ContentTypeOf(encoding);
        _body = OtlpPayload.Encode(message, encoding);
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType { get; }

    public static OtlpResult Ok(IMessage response, OtlpEncoding encoding) => new(StatusCodes.Status200OK, response, encoding);

    /// <summary>
    /// A refusal of the request as a whole. With a <paramref name="field"/>, the Status carries the BadRequest detail
    /// the specification recommends for bad data, naming that field.
    /// </summary>
    public static OtlpResult Failure(OtlpEncoding encoding, int statusCode, string message, string? field = null)
    {
        var status = new Status
        {
            Code = statusCode switch
            {
                StatusCodes.Status401Unauthorized => Unauthenticated,
                StatusCodes.Status503ServiceUnavailable => Unavailable,
                _ => InvalidArgument,
            },
            Message = message,
        };
        if (field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } } }));
        }
        return new OtlpResult(statusCode, status, encoding);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = _body.Length;
        await response.Body.WriteAsync(_body, httpContext.RequestAborted);
    }
}
