using Microsoft.AspNetCore.Http;

namespace Primage.Api.Http;

/// <summary>RFC 7807 problem responses with the field and the reason.</summary>
public static class Problems
{
    public static IResult Validation(string field, string reason) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [reason] },
            detail: $"{field}: {reason}",
            title: "The request is invalid");

    public static IResult Validation(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is invalid");

    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    public static IResult Conflict(string field, string reason) =>
        Status(StatusCodes.Status409Conflict, "Conflict", $"{field}: {reason}", field);

    public static IResult Status(int status, string title, string detail, string? field = null) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });
}
