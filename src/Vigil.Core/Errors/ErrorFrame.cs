namespace Vigil.Core.Errors;

/// <summary>
/// One frame of a stack trace. Lists of frames run outermost first, the frame that threw last: the order Sentry
/// sends, and the reverse of a printed stack trace.
/// </summary>
/// <param name="Module">A module or package name where the platform has one (Sentry's <c>module</c>).</param>
/// <param name="InApp">Whether the frame is the team's own code; null leaves it to <see cref="ErrorFrames.IsInApp"/>.</param>
public sealed record ErrorFrame(string? Module, string? File, string? Function, int? Line, int? Column, bool? InApp);

/// <summary>An error as reported by any source: a Sentry event, an OTLP exception, the browser snippet.</summary>
/// <param name="Type">The exception type or class, e.g. <c>TypeError</c> or <c>System.InvalidOperationException</c>.</param>
public sealed record ErrorReport(string? Type, string? Message, IReadOnlyList<ErrorFrame> Frames);
