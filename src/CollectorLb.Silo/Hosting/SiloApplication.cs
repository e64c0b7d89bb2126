using CollectorLb.Grains.Options;
using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Observability;
using Microsoft.Extensions.Logging.Console;

namespace CollectorLb.Silo.Hosting;

/// <summary>Builds the silo process: configuration, Orleans, the collector's services and its HTTP endpoints.</summary>
public static class SiloApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCollectorLbDefaults();

        var endpoints = builder.Configuration.GetSection(PortOptions.SectionName).Get<PortOptions>() ?? new PortOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(endpoints.HttpPort));
        // The formatter and its options come from Logging:Console (defaults in AddCollectorLbDefaults). The shared
        // timestamp format ends in a space that sets the time apart from the level in a simple line; JSON needs none.
        builder.Logging.AddConsole();
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(json => json.TimestampFormat = json.TimestampFormat?.TrimEnd());

        builder.AddCollectorLbSilo();
        builder.Services.AddCollectorLbServices(builder.Configuration);
        builder.Services.AddCollectorLbTelemetry();
        builder.Services.AddCollectorLbTracing(builder.Configuration);
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<DeliveryOptions>>((host, delivery) =>
            host.ShutdownTimeout = delivery.Value.ShutdownGrace + TimeSpan.FromSeconds(30));

        var app = builder.Build();
        app.MapCollectorObservability();
        return app;
    }

    /// <summary>
    /// Runs until stopped. A configuration error, or another active silo serving this host id, ends the process
    /// with code 2 and a message naming each setting (or the other silo).
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await Build(args).RunAsync();
            return 0;
        }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { Count: > 0 } errors)
        {
            await Console.Error.WriteLineAsync(new InvalidSettingException(errors).Message);
            return 2;
        }
        catch (Exception ex) when (Find<DuplicateHostIdException>(ex) is { } duplicate)
        {
            await Console.Error.WriteLineAsync(duplicate.Message);
            return 2;
        }
    }

    /// <summary>An exception of type <typeparamref name="T"/> in what a failed start threw (wrapped and aggregated).</summary>
    private static T? Find<T>(Exception exception)
        where T : Exception =>
        exception switch
        {
            T found => found,
            AggregateException aggregate => aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null),
            { InnerException: { } inner } => Find<T>(inner),
            _ => null,
        };
}
