using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Primage.Api.Clinician;

/// <summary>
/// The clinician page at /clinician: plain HTML, CSS and JavaScript embedded in this assembly
/// (no build step, nothing fetched from elsewhere). The page is public; its data calls carry the
/// token the user pastes in.
/// </summary>
public static class ClinicianPage
{
    private static readonly Assembly Assembly = typeof(ClinicianPage).Assembly;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapClinicianPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/clinician/{*file}", Serve).ExcludeFromDescription();
        return routes;
    }

    private static IResult Serve(string? file, HttpContext context)
    {
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        var extension = Path.GetExtension(name);
        if (name.Contains("..", StringComparison.Ordinal) || !ContentTypes.TryGetValue(extension, out var type))
        {
            return Results.NotFound();
        }

        var stream = Assembly.GetManifestResourceStream("clinician/" + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(stream, type);
    }
}
