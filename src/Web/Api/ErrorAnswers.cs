using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Ktp.Web.Api;

/// <summary>
/// Failures that are not bugs get their own answer instead of a 500: an unreadable request (400, saying where the
/// JSON broke), a value PostgreSQL cannot store (400), a saturated database (503 with Retry-After). Anything else
/// falls through to the default handler: a logged 500 whose problem carries the request id and no internals.
/// </summary>
public sealed class ErrorAnswers(ILogger<ErrorAnswers> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var answer = AnswerFor(exception);
        if (answer is null) return false;
        var (status, title, detail) = answer.Value;
        logger.LogWarning("Answered {Status} to {Path}: {Reason}", status, context.Request.Path, exception.Message);
        return await WriteAsync(context, status, title, detail, status == StatusCodes.Status503ServiceUnavailable ? RetryAfterSeconds : null);
    }

    /// <summary>Answers with problem+json, and with Retry-After when the caller should come back later (503, 429).</summary>
    public static ValueTask<bool> WriteAsync(HttpContext context, int status, string title, string detail, int? retryAfterSeconds = null)
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static (int Status, string Title, string Detail)? AnswerFor(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid",
            $"The JSON could not be read at {json.Path ?? "$"} (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}): {Reason(json)}"),
        BadHttpRequestException bad => (bad.StatusCode, "The request is not valid", bad.Message),
        PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
            or PostgresErrorCodes.ProgramLimitExceeded or PostgresErrorCodes.StringDataRightTruncation } => (400, "A value cannot be stored",
            "A value is too long or holds characters that cannot be stored."),
        NpgsqlException npgsql when npgsql.InnerException is TimeoutException || npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase) =>
            (503, "Busy", $"The service is busy; try again in {RetryAfterSeconds} seconds."),
        _ => null,
    };

    // System.Text.Json names .NET types in its messages; the caller only needs to know what kind of mistake it was.
    private static string Reason(JsonException json) => json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
        ? "the value has the wrong type."
        : json.Message.Split(" Path:", 2)[0];
}
