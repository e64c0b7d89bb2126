using CollectorLb.Abstractions.Settings;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollectorLb.Grains;

public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// What the grains need besides the I/O the host provides (<see cref="Delivery.IFileUploader"/>,
    /// <see cref="Registry.IRegistryClient"/>, more <see cref="IFileTransitionObserver"/>s): their options, validated at start,
    /// the spool, the metrics and the log of each file's life.
    /// </summary>
    public static IServiceCollection AddCollectorLbGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<HostIdentityOptions>(configuration);
        services.AddValidatedOptions<SpoolOptions>(configuration);
        services.AddValidatedOptions<RegistryOptions>(configuration);
        services.AddValidatedOptions<DeliveryOptions>(configuration);
        services.AddValidatedOptions<ConnectorPoolOptions>(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FileSpool>();
        services.TryAddSingleton<IFileOpener, FileOpener>();
        services.TryAddSingleton<QuarantineStore>();
        services.TryAddSingleton<ICrashPoints, NoCrashPoints>();
        services.TryAddSingleton<UploadGate>();
        services.TryAddSingleton<ConnectorPoolReference>();
        services.TryAddSingleton<ConnectorLeases>();
        services.TryAddSingleton<CollectorMetrics>();
        services.TryAddSingleton<FileTransitions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFileTransitionObserver, CollectorMetrics>(sp => sp.GetRequiredService<CollectorMetrics>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFileTransitionObserver, FileLog>());
        services.AddMetrics();
        return services;
    }
}
