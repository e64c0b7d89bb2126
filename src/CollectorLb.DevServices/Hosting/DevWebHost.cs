using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CollectorLb.DevServices.Hosting;

/// <summary>Builds and starts the minimal Kestrel host shared by the registry and the connector.</summary>
internal static class DevWebHost
{
    /// <summary>Starts a host that sends every request to <paramref name="handler"/>; returns it with its bound port
    /// and the base URL clients use (<see cref="ListenEndpoint.BaseUrl"/>).</summary>
    public static async Task<(WebApplication App, int Port, string Url)> StartAsync(
        string applicationName,
        IPAddress address,
        int port,
        ILoggerFactory? loggerFactory,
        RequestDelegate handler,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = applicationName,
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Framework logging goes to the caller's factory (which filters Microsoft.*) or nowhere.
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);

            // nfcapd files can be hundreds of MiB and test senders may throttle on purpose.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
        });

        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var bound = addresses?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address");
        var boundPort = new Uri(bound).Port;
        return (app, boundPort, ListenEndpoint.BaseUrl(address, boundPort));
    }

    /// <summary>Stops the host, giving in-flight requests a short grace period.</summary>
    public static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
