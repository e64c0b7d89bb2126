using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Grains.ClusterView;
using CollectorLb.Grains.Observability;
using CollectorLb.Silo.Observability.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CollectorLb.Silo.Observability;

public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// Per-silo statistics for the host grain: file transitions, the collector's meter mirrored into totals and
    /// an hour's window, disk counts and the gauges. Needed wherever the grains run (the silo and test clusters);
    /// after <see cref="Grains.GrainServiceCollectionExtensions.AddCollectorLbGrainServices"/>, which adds the clock and metrics.
    /// </summary>
    public static IServiceCollection AddCollectorLbStatistics(this IServiceCollection services)
    {
        services.AddSingleton<FileStatistics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFileTransitionObserver, FileStatistics>(sp => sp.GetRequiredService<FileStatistics>()));
        services.AddSingleton<StatisticsWindow>();
        services.AddSingleton<DiskCensus>();
        services.AddSingleton<IHostStatisticsSource, HostStatisticsSource>();
        return services;
    }

    /// <summary>
    /// The silo's HTTP side: OpenTelemetry metrics for Prometheus (ours with the gauges, Orleans', the runtime's,
    /// HttpClient's and ASP.NET Core's), and the readiness checks, also run on a timer for the readiness gauge.
    /// </summary>
    public static IServiceCollection AddCollectorLbTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<ConnectorPoolWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorPoolWatch>());
        services.AddSingleton<ReadinessState>();
        services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<ReadinessState>());
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Predicate = check => check.Tags.Contains(HealthTags.Ready);
            publisher.Delay = TimeSpan.FromSeconds(1);
            publisher.Period = ReadinessState.Period;
        });
        services.AddSingleton<CollectorGauges>();

        var latencyBuckets = new ExplicitBucketHistogramConfiguration { Boundaries = LatencyBuckets.Bounds };
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
            .AddMeter(CollectorMetrics.MeterName, OrleansMeterName)
            .AddMeter(PlatformMeterNames)
            .AddView(CollectorMetrics.UploadDurationName, latencyBuckets)
            .AddView(CollectorMetrics.DeliveryLatencyName, latencyBuckets)
            .AddPrometheusExporter());

        services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [HealthTags.Ready])
            .AddCheck<NfcapdHealthCheck>("nfcapd", tags: [HealthTags.Ready])
            .AddCheck<FlowDirectoryHealthCheck>("directory", tags: [HealthTags.Ready])
            .AddCheck<RegistryHealthCheck>("registry", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: every readiness check (503 when one fails, JSON
    /// saying which). <c>/metrics</c>: Prometheus text.
    /// </summary>
    public static WebApplication MapCollectorObservability(this WebApplication app)
    {
        // Resolved once so the gauges exist before the first scrape.
        app.Services.GetRequiredService<CollectorGauges>();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>The <c>service_name</c> of <c>target_info</c>.</summary>
    private const string ServiceName = "collectorlb-silo";

    /// <summary>The meter Orleans publishes its own instruments on.</summary>
    private const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The runtime's (GC, thread pool, CPU, memory), HttpClient's and DNS's, ASP.NET Core's and Kestrel's meters.</summary>
    private static readonly string[] PlatformMeterNames =
    [
        "System.Runtime",
        "System.Net.Http",
        "System.Net.NameResolution",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];
}
