using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Primage.Grains;
using Primage.Grains.Predictions;
using Primage.Silo.Backends.Slurm;
using Primage.Silo.Scheduling;
using Primage.Silo.Storage;

namespace Primage.Silo.Hosting;

/// <summary>The composition root of the silo: settings, storage, clustering and services.</summary>
public static class PrimageSiloExtensions
{
    /// <summary>
    /// Binds and validates the "Primage" settings (a mistake stops the start with a clear message)
    /// and configures the co-hosted Orleans silo. Safe to call twice.
    /// </summary>
    public static WebApplicationBuilder AddPrimageSilo(this WebApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(PrimageSiloMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<PrimageSiloMarker>();
        var options = builder.Configuration.GetSection(PrimageOptions.Section).Get<PrimageOptions>() ?? new PrimageOptions();
        var validation = new PrimageOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(PrimageOptions.Section, typeof(PrimageOptions), validation.Failures);
        }

        builder.Services.AddOptions<PrimageOptions>().BindConfiguration(PrimageOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<PrimageOptions>, PrimageOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<StoragePreparationService>();
        builder.Services.AddHostedService<ReadyBanner>();
        // Grain state is stored with Orleans' own version-tolerant binary serializer, not the JSON
        // default: under concurrent activations the JSON serializer (type names, preserved
        // references) handed one twin another twin's calibration ticket (docs/postgres.md).
        builder.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        builder.Services.AddSingleton<TwinWatchService>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TwinWatchService>());
        builder.Services.AddSingleton<MultiscaleWakeService>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<MultiscaleWakeService>());
        builder.Services.AddOptions<PredictionOptions>().BindConfiguration(PredictionOptions.Section);

        builder.UseOrleans(silo =>
        {
            var cluster = options.Cluster;
            silo.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = cluster.ServiceId;
                o.ClusterId = cluster.ClusterId;
            });
            silo.AddPrimageScheduling(builder.Configuration);
            silo.Services.AddSlurmBackends(builder.Configuration);
            switch (options.Storage.Provider)
            {
                case StorageProviders.Sqlite:
                    silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                    var connectionString = SqliteStorage.ConnectionString(SqliteFilePath(options));
                    // One file, one writer: both providers queue their writes on the same gate.
                    var writeGate = new SemaphoreSlim(1, 1);
                    foreach (var name in new[] { StorageNames.Twins, StorageNames.Runs })
                    {
                        silo.AddAdoNetGrainStorage(name, o =>
                        {
                            o.Invariant = SqliteStorage.Invariant;
                            o.ConnectionString = connectionString;
                        });
                        silo.Services.AddKeyedSingleton<IGrainStorage>(
                            name, (sp, key) => new SerialWriteGrainStorage(AdoNetGrainStorageFactory.Create(sp, (string)key!), writeGate));
                    }

                    silo.UseInMemoryReminderService();
                    break;
                case StorageProviders.Memory:
                    silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                    silo.AddMemoryGrainStorage(StorageNames.Twins);
                    silo.AddMemoryGrainStorage(StorageNames.Runs);
                    silo.UseInMemoryReminderService();
                    break;
                case StorageProviders.Postgres:
                    ConfigurePostgres(silo, builder.Configuration, options);
                    break;
                default:
                    throw new NotSupportedException($"Storage provider '{options.Storage.Provider}' is not available in this build.");
            }
        });
        return builder;
    }

    /// <summary>
    /// Several silos on one PostgreSQL database: grain state ("twins", "runs"), cluster membership
    /// and reminders through the Orleans ADO.NET providers. Each silo listens on, and advertises,
    /// AdvertisedAddress:SiloPort (silo-to-silo) and :GatewayPort (clients); silos with the same
    /// ServiceId and ClusterId find each other in the membership table. Failure detection can be
    /// tuned through the section "Orleans:Membership" (ClusterMembershipOptions, e.g. ProbeTimeout).
    /// </summary>
    private static void ConfigurePostgres(ISiloBuilder silo, IConfiguration configuration, PrimageOptions options)
    {
        var cluster = options.Cluster;
        var connectionString = PostgresStorage.SiloConnectionString(options.Storage.ConnectionString!);
        silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresStorage.Invariant;
            o.ConnectionString = connectionString;
        });
        foreach (var name in new[] { StorageNames.Twins, StorageNames.Runs })
        {
            silo.AddAdoNetGrainStorage(name, o =>
            {
                o.Invariant = PostgresStorage.Invariant;
                o.ConnectionString = connectionString;
            });
        }

        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresStorage.Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
    }

    /// <summary>The absolute path of the SQLite database file.</summary>
    public static string SqliteFilePath(PrimageOptions options) =>
        Path.GetFullPath(Path.Combine(options.DataDirectory, options.Storage.SqliteFile));

    private sealed class PrimageSiloMarker;
}
