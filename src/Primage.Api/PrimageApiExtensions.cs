using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Primage.Api.Audit;
using Primage.Api.Clinician;
using Primage.Api.Cohorts;
using Primage.Api.Docs;
using Primage.Api.Fhir;
using Primage.Api.Endpoints;
using Primage.Api.Health;
using Primage.Api.Http;
using Primage.Api.Multiscale;
using Primage.Api.Security;
using Primage.Api.Predictions;
using Primage.Api.Scenarios;
using Primage.Api.Twins;

namespace Primage.Api;

/// <summary>Registers and maps the HTTP API.</summary>
public static class PrimageApiExtensions
{
    public static IServiceCollection AddPrimageApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddPrimageSecurity();
        return services;
    }

    public static WebApplication MapPrimageApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ClusterRecoveryMiddleware>();
        app.UsePrimageSecurity();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapTwinEndpoints();
        app.MapTwinListEndpoints();
        app.MapAuditEndpoints();
        app.MapFhirEndpoints();
        app.MapDocsEndpoints();
        app.MapClinicianPage();
        app.MapPredictionEndpoints();
        app.MapScenarioEndpoints();
        app.MapCohortEndpoints();
        app.MapMultiscaleEndpoints();
        app.MapClinicalEndpointRoutes();
        return app;
    }
}
