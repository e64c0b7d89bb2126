using CollectorLb.Grains.Observability;
using OpenTelemetry.Trace;

namespace CollectorLb.Silo.Observability;

public static class TracingServiceCollectionExtensions
{
    /// <summary>The standard OpenTelemetry setting that turns traces on (and says where they go).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>True when traces are to be exported (with OTLP, configured by the standard OTEL_* variables).</summary>
    public static bool TracingEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);

    /// <summary>
    /// Traces of each file, exported with OTLP when <see cref="OtlpEndpointSetting"/> is set; nothing otherwise, so a
    /// file's hot path pays for no span nobody reads.
    /// </summary>
    public static IServiceCollection AddCollectorLbTracing(this IServiceCollection services, IConfiguration configuration)
    {
        if (TracingEnabled(configuration))
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddCollectorLbSources().AddOtlpExporter());
        }

        return services;
    }

    /// <summary>
    /// What a file's trace is made of: the watcher's claim and the file's life (ours), the grain calls that carry its
    /// context (Orleans' activity propagation) and the upload's POST (the HTTP client).
    /// </summary>
    public static TracerProviderBuilder AddCollectorLbSources(this TracerProviderBuilder tracing) =>
        tracing.AddSource(FileTracing.SourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "System.Net.Http");
}
