using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Primage.Api.Http;

/// <summary>
/// Reads a JSON request body with a size cap and turns every way it can be wrong into a problem
/// response naming the field: too large (413), empty or not JSON (400, field "body"), a value of
/// the wrong type (400, the field's JSON path).
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxJsonBodyBytes;
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }

        if (bytes.Length == 0)
        {
            return (null, Problems.Validation("body", "is empty; a JSON object is required"));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Validation("body", "must be a JSON object"));
            }

            var value = document.RootElement.Deserialize<T>(options);
            return value is null ? (null, Problems.Validation("body", "must be a JSON object")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldFromPath(ex.Path ?? LocateSyntaxError(bytes));
            var reason = field == "body" ? "is not valid JSON" : "has a value of the wrong type or format";
            return (null, Problems.Validation(field, reason));
        }
    }

    /// <summary>
    /// For a body that does not parse (for example a bare NaN), the path of the property whose
    /// value broke the syntax, found by reading tokens up to the error.
    /// </summary>
    private static string? LocateSyntaxError(byte[] bytes)
    {
        var path = new List<string?>();
        string? pendingProperty = null;
        var reader = new Utf8JsonReader(bytes);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        path.Add(pendingProperty);
                        pendingProperty = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (path.Count > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        break;
                    default:
                        pendingProperty = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            if (pendingProperty is null)
            {
                return null;
            }

            var parts = path.Where(p => p is not null).Append(pendingProperty);
            return "$." + string.Join('.', parts);
        }

        return null;
    }

    /// <summary>"$.markers.alk" becomes "markers.alk"; the root becomes "body".</summary>
    private static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static IResult TooLarge(int limit) => Problems.Status(
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        $"The body is larger than the {limit} bytes this route accepts.",
        "body");
}
