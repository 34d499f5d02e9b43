using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Backends.Slurm;

/// <summary>Registers one <see cref="SlurmBackend"/> per cluster configured under "Primage:Backends:Slurm".</summary>
public static class SlurmBackendExtensions
{
    /// <summary>
    /// For each sub-section "Primage:Backends:Slurm:&lt;name&gt;" of <paramref name="configuration"/>: named
    /// <see cref="SlurmClusterOptions"/> (validated at start), and a singleton backend registered as
    /// <see cref="IComputeBackend"/> and as a keyed service "slurm:&lt;name&gt;". The backends need an
    /// <see cref="IStepEventSink"/> in the container. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddSlurmBackends(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlurmClusterOptions>, SlurmClusterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        foreach (var section in configuration.GetSection(SlurmClusterOptions.SectionPath).GetChildren())
        {
            var name = section.Key;
            var key = $"slurm:{name}";
            if (services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, key) && d.ServiceType == typeof(IComputeBackend)))
            {
                continue;
            }

            services.AddOptions<SlurmClusterOptions>(name)
                .Bind(section)
                .PostConfigure(o => o.Name = name)
                .ValidateOnStart();
            services.AddKeyedSingleton<IComputeBackend>(key, (sp, _) => new SlurmBackend(
                sp.GetRequiredService<IOptionsMonitor<SlurmClusterOptions>>().Get(name),
                sp.GetRequiredService<IStepEventSink>(),
                sp.GetRequiredService<ILogger<SlurmBackend>>(),
                sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton(sp => sp.GetRequiredKeyedService<IComputeBackend>(key));
        }

        return services;
    }
}
