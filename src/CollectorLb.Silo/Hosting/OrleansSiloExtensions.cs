using CollectorLb.Abstractions.Settings;
using CollectorLb.Grains;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Placement;
using CollectorLb.Silo.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace CollectorLb.Silo.Hosting;

public static class OrleansSiloExtensions
{
    /// <summary>Directory entries a silo caches: room for the long-lived grains (pool, hosts), not for every file's.</summary>
    private const int DirectoryCacheSize = 10_000;

    /// <summary>
    /// Embedded mode (the default): localhost clustering, memory grain storage, in-memory reminders. Redis mode:
    /// membership, grain state and reminders in Redis, plus Kubernetes hosting in a pod. Either way the silo
    /// carries its host id (its name, and silo metadata), which host-affine placement matches file keys against.
    /// </summary>
    public static WebApplicationBuilder AddCollectorLbSilo(this WebApplicationBuilder builder)
    {
        var ports = builder.Configuration.GetSection(PortOptions.SectionName).Get<PortOptions>() ?? new PortOptions();
        var cluster = ReadClusterOptions(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            if (cluster.IsRedis)
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ServiceId = cluster.ServiceId;
                    options.ClusterId = cluster.ClusterId;
                });
                if (cluster.Kubernetes)
                {
                    // Kubernetes hosting advertises the pod IP, listens on all addresses and names the silo after the pod.
                    silo.Configure<EndpointOptions>(options =>
                    {
                        options.SiloPort = ports.SiloPort;
                        options.GatewayPort = ports.GatewayPort;
                    });
                    silo.UseKubernetesHosting();
                }
                else
                {
                    var advertised = string.IsNullOrEmpty(cluster.AdvertisedAddress) ? null : IPAddress.Parse(cluster.AdvertisedAddress);
                    silo.ConfigureEndpoints(advertised ?? FirstHostAddress(), ports.SiloPort, ports.GatewayPort, listenOnAnyHostAddress: true);
                }
            }
            else
            {
                silo.UseLocalhostClustering(ports.SiloPort, ports.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }

            silo.AddCollectorLbSiloServices();

            // The official Orleans dashboard is served by the CollectorLb dashboard (an Orleans client); each silo reports to it.
            silo.AddDashboard();

            // A file's trace goes on through the grain calls its watcher and grain make; only when traces are exported.
            if (Observability.TracingServiceCollectionExtensions.TracingEnabled(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }
        });
        return builder;
    }

    /// <summary>
    /// The collector's part of a silo, whoever hosts it (this program, or a TestingHost cluster that brings its own
    /// endpoints and cluster ids), read from the silo's configuration (<c>CollectorLb:HostId</c>,
    /// <c>CollectorLb:Cluster</c>): where grain state and reminders live (memory; or Redis, with membership), the host
    /// id (silo name and metadata, and the check for another silo of it), host-affine placement and the directory cache.
    /// </summary>
    public static ISiloBuilder AddCollectorLbSiloServices(this ISiloBuilder silo)
    {
        var identity = silo.Configuration.GetSection(HostIdentityOptions.SectionName).Get<HostIdentityOptions>() ?? new HostIdentityOptions();
        var cluster = ReadClusterOptions(silo.Configuration);
        if (cluster.IsRedis)
        {
            silo.AddCollectorLbRedis(cluster.RedisConnectionString);
        }
        else
        {
            silo.AddCollectorLbStorage();
        }

        // One FileGrain per file, each alive for a moment: caching their directory entries helps nobody, and the
        // cache's size gauge counts every entry each time metrics are collected (each second, for the dashboard).
        silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = DirectoryCacheSize);
        silo.AddCollectorLbHostIdentity(identity.HostId, namedAfterPod: cluster.IsRedis && cluster.Kubernetes);
        silo.AddCollectorLbHostAffinePlacement();
        return silo;
    }

    /// <summary>The grain storage and reminder service the grains expect (embedded: in memory).</summary>
    private static ISiloBuilder AddCollectorLbStorage(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Files);
        silo.AddCollectorLbFileRecordSerializer();
        silo.UseInMemoryReminderService();
        return silo;
    }

    /// <summary>Membership, the grains' storage and the reminder table in one Redis (production).</summary>
    private static ISiloBuilder AddCollectorLbRedis(this ISiloBuilder silo, string redisConnectionString)
    {
        // The packages' READMEs name options that 10.4.2 does not have; ConfigurationOptions is the one that works.
        silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redisConnectionString));
        silo.AddRedisGrainStorage(StorageNames.Files, options =>
        {
            options.ConfigurationOptions = ConfigurationOptions.Parse(redisConnectionString);

            // A delivered file's record is cleared with it; keeping an empty record per file would fill Redis.
            options.DeleteStateOnClear = true;
        });
        silo.AddCollectorLbFileRecordSerializer();
        silo.UseRedisReminderService(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redisConnectionString));
        return silo;
    }

    /// <summary>
    /// File records in Orleans' own binary format (FileState is a [GenerateSerializer] type) instead of the default
    /// Newtonsoft JSON: a file's record is written three times in its short life, and JSON is the costlier format.
    /// </summary>
    private static void AddCollectorLbFileRecordSerializer(this ISiloBuilder silo) =>
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(
            StorageNames.Files,
            (services, _) => new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));

    /// <summary>
    /// Tells the cluster which host this silo serves: always in silo metadata and, unless Kubernetes hosting
    /// names the silo after its pod (it declares dead every silo whose name matches no pod), as the silo name.
    /// Before it becomes active it checks that no other active silo serves that host (<see cref="HostIdCheck"/>):
    /// it refuses to start, or under Kubernetes waits for the other to leave.
    /// </summary>
    private static ISiloBuilder AddCollectorLbHostIdentity(this ISiloBuilder silo, string hostId, bool namedAfterPod)
    {
        silo.UseSiloMetadata(new Dictionary<string, string> { [HostSilos.HostIdMetadataKey] = hostId });
        if (!namedAfterPod)
        {
            silo.Configure<SiloOptions>(options => options.SiloName = hostId);
        }

        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(
            services => ActivatorUtilities.CreateInstance<HostIdCheck>(services, hostId, namedAfterPod));
        return silo;
    }

    /// <summary>Binds and checks the cluster settings now: they shape the silo before any option is validated.</summary>
    private static SiloClusterOptions ReadClusterOptions(IConfiguration configuration)
    {
        var cluster = configuration.GetSection(SiloClusterOptions.SectionName).Get<SiloClusterOptions>() ?? new SiloClusterOptions();
        var result = new SettingsValidator<SiloClusterOptions>().Validate(null, cluster);
        return result.Failed ? throw new OptionsValidationException(SiloClusterOptions.SectionName, typeof(SiloClusterOptions), result.Failures) : cluster;
    }

    private static IPAddress FirstHostAddress() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;
}
