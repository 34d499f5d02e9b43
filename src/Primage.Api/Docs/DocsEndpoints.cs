using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace Primage.Api.Docs;

/// <summary>
/// The interactive API reference at /docs: Scalar's page with its script served from the
/// package's embedded assets (no CDN URL is set), default web fonts and telemetry off, so the page
/// needs nothing from the internet. It reads /openapi/v1.json.
/// </summary>
public static class DocsEndpoints
{
    public static IEndpointRouteBuilder MapDocsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapScalarApiReference("/docs", options => options
            .WithTitle("Primage API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry());
        return routes;
    }
}
