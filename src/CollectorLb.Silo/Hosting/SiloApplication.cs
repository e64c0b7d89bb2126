using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Observability;

namespace CollectorLb.Silo.Hosting;

/// <summary>Builds the silo process: configuration, Orleans, the collector's services and its HTTP endpoints.</summary>
public static class SiloApplication
{
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCollectorLbDefaults();
        configure?.Invoke(builder.Configuration);

        var endpoints = builder.Configuration.GetSection(PortOptions.SectionName).Get<PortOptions>() ?? new PortOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(endpoints.HttpPort));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });

        builder.AddCollectorLbSilo();
        builder.Services.AddCollectorServices(builder.Configuration);
        builder.Services.AddCollectorTelemetry();
        builder.Services.Configure<HostOptions>(host =>
        {
            var grace = builder.Configuration.GetValue<double?>("CollectorLb:Delivery:ShutdownGraceSeconds") ?? new Grains.Options.DeliveryOptions().ShutdownGraceSeconds;
            host.ShutdownTimeout = TimeSpan.FromSeconds(grace + 30);
        });

        var app = builder.Build();
        app.MapCollectorObservability();
        return app;
    }

    /// <summary>Runs until stopped; a configuration error ends the process with code 2 and a message naming each setting.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await Build(args).RunAsync();
            return 0;
        }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { Count: > 0 } errors)
        {
            await Console.Error.WriteLineAsync("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
            return 2;
        }
    }
}
