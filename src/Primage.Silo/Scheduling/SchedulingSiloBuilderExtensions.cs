using Microsoft.Extensions.Configuration;

namespace Primage.Silo.Scheduling;

/// <summary>Silo-builder entry point of the scheduling registration (see <see cref="SchedulingServiceCollectionExtensions"/>).</summary>
public static class SchedulingSiloBuilderExtensions
{
    /// <summary>Adds the scheduler, its backends and the restart resume pass to the silo. Safe to call twice.</summary>
    public static ISiloBuilder AddPrimageScheduling(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPrimageScheduling(configuration);
        return builder;
    }
}
