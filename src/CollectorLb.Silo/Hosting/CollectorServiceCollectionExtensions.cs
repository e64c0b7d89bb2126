using CollectorLb.Abstractions.Settings;
using CollectorLb.Grains;
using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Registry;
using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Delivery;
using CollectorLb.Silo.LegacyBenchmark;
using CollectorLb.Silo.Nfcapd;
using CollectorLb.Silo.Observability;
using CollectorLb.Silo.Registry;
using CollectorLb.Silo.Watching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly.Retry;

namespace CollectorLb.Silo.Hosting;

public static class CollectorServiceCollectionExtensions
{
    /// <summary>Options, the grains' I/O (uploads, registry, benchmark file), and the host's loops (nfcapd, watcher).</summary>
    public static IServiceCollection AddCollectorLbServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCollectorLbGrainServices(configuration);
        services.AddCollectorLbStatistics();
        services.AddValidatedOptions<NfcapdOptions>(configuration);
        services.AddValidatedOptions<WatcherOptions>(configuration);
        services.AddValidatedOptions<UploadOptions>(configuration);
        services.AddValidatedOptions<PortOptions>(configuration);
        services.AddOptions<LegacyBenchmarkOptions>().Bind(configuration.GetSection(LegacyBenchmarkOptions.SectionName));

        services.AddCollectorLbDeliveryServices();
        services.AddHostedService<UploadDrain>();
        services.AddSingleton<NfcapdSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<NfcapdSupervisor>());
        services.AddSingleton<UnclaimableEntries>();
        services.AddSingleton<DirectoryWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DirectoryWatcher>());
        return services;
    }

    /// <summary>What FileGrains and the pool grain use to reach connectors, the registry and the benchmark file.</summary>
    public static IServiceCollection AddCollectorLbDeliveryServices(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFileTransitionObserver, LegacyBenchmarkFile>());
        services.AddSingleton<IFileUploader, HttpFileUploader>();
        services.AddSingleton<IRegistryClient, HttpRegistryClient>();
        services.AddSingleton<IConnectorProber, HttpConnectorProber>();

        // Each exchange (an upload, a ping, a read of the registry's list) runs whole inside its pipeline: the deadline
        // covers connect, the request's body, the answer's headers and the answer's body, so a peer that stalls
        // mid-answer ends the exchange at the deadline. The handlers bound only the connect.
        services.AddPeerHttpClient(HttpFileUploader.HttpClientName, (handler, sp) =>
        {
            handler.ConnectTimeout = sp.GetRequiredService<IOptions<UploadOptions>>().Value.ConnectTimeout;
            handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30);
        });
        services.AddResiliencePipeline(HttpFileUploader.HttpClientName, (pipeline, context) =>
        {
            var upload = context.ServiceProvider.GetRequiredService<IOptions<UploadOptions>>().Value;
            pipeline.AddTimeout(upload.Timeout);
        });

        services.AddPeerHttpClient(HttpConnectorProber.HttpClientName, (handler, _) => handler.ConnectTimeout = HttpConnectorProber.Deadline);
        services.AddResiliencePipeline(HttpConnectorProber.HttpClientName, pipeline => pipeline.AddTimeout(HttpConnectorProber.Deadline));

        services.AddPeerHttpClient(HttpRegistryClient.HttpClientName);
        services.AddResiliencePipeline(HttpRegistryClient.HttpClientName, (pipeline, context) =>
        {
            var perTry = context.ServiceProvider.GetRequiredService<IOptions<Grains.Options.RegistryOptions>>().Value.Timeout;
            pipeline.AddTimeout(perTry * 3)
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(HttpRegistryClient.IsTransient(args.Outcome.Exception)),
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .AddTimeout(perTry);
        });
        return services;
    }

    /// <summary>
    /// One pooled handler per process; no redirects (a connector never moves a file elsewhere) and no cookies. The
    /// total time of an exchange is bounded by its resilience pipeline, the connect time by the handler.
    /// </summary>
    private static IHttpClientBuilder AddPeerHttpClient(this IServiceCollection services, string name, Action<SocketsHttpHandler, IServiceProvider>? configure = null) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
                configure?.Invoke(handler, sp);
                return handler;
            });
}
