using CollectorLb.Silo.Hosting;
using CollectorLb.Testing.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Orleans.Configuration;

namespace CollectorLb.Testing.Cluster;

/// <summary>
/// One collector host's silo in this process, composed like the silo program (its defaults, <c>AddCollectorLbSilo</c> in
/// Redis mode on loopback TCP, the collector's services), with the Prometheus telemetry left out: Orleans' instruments
/// are process-wide, and every silo of the process would aggregate all the others' measurements. It logs warnings and
/// errors only, into a <see cref="ProblemLog"/>.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;

    private InProcessSilo(ClusterHost host, WebApplication app)
    {
        Host = host;
        _app = app;
    }

    public ClusterHost Host { get; }

    public IServiceProvider Services => _app.Services;

    public SiloAddress Address => Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<InProcessSilo> StartAsync(ClusterHost host, ClusterIdentity identity, string redis, int registryPort, ProblemLog problems, IIncomingGrainCallFilter? filter, bool fastFailureDetection)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCollectorLbDefaults(getVariable: _ => null);
        var settings = identity.SiloSettings(redis);
        settings["HostId"] = host.HostId;
        settings["FlowDirectory"] = host.FlowDirectory;
        settings["Registry:Host"] = "127.0.0.1";
        settings["Registry:Port"] = registryPort.ToString(CultureInfo.InvariantCulture);
        settings["Nfcapd:Enabled"] = "false";
        settings["Ports:SiloPort"] = FreePorts.Tcp().ToString(CultureInfo.InvariantCulture);
        settings["Ports:GatewayPort"] = FreePorts.Tcp().ToString(CultureInfo.InvariantCulture);
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>("CollectorLb:" + s.Key, s.Value)));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(problems);

        builder.AddCollectorLbSilo();
        builder.Services.AddCollectorLbServices(builder.Configuration);
        if (filter is not null)
        {
            builder.Services.AddSingleton(filter);
        }

        if (fastFailureDetection)
        {
            builder.Services.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
        }

        var app = builder.Build();
        try
        {
            await app.StartAsync();
            return new InProcessSilo(host, app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(StopTimeout);
        try
        {
            await _app.StopAsync(stopping.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
