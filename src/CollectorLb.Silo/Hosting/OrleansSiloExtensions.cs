using CollectorLb.Abstractions.Hosts;
using CollectorLb.Grains;
using CollectorLb.Grains.Options;
using CollectorLb.Silo.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace CollectorLb.Silo.Hosting;

public static class OrleansSiloExtensions
{
    public const string ClusterId = ClusterConnection.ClusterId;
    public const string ServiceId = ClusterConnection.ServiceId;

    /// <summary>
    /// Embedded mode: localhost clustering, memory grain storage, in-memory reminders. The silo is named after
    /// the host, which is also the first part of every FileGrain key.
    /// </summary>
    public static WebApplicationBuilder AddCollectorLbSilo(this WebApplicationBuilder builder)
    {
        var ports = builder.Configuration.GetSection(PortOptions.SectionName).Get<PortOptions>() ?? new PortOptions();
        var spool = builder.Configuration.GetSection(SpoolOptions.SectionName).Get<SpoolOptions>() ?? new SpoolOptions();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ports.SiloPort, ports.GatewayPort, serviceId: ServiceId, clusterId: ClusterId);
            silo.Configure<SiloOptions>(options => options.SiloName = spool.HostId);
            silo.AddCollectorLbStorage();

            // The official Orleans dashboard is served by the CollectorLb dashboard (an Orleans client); each silo reports to it.
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>The grain storage and reminder service the grains expect (embedded: in memory).</summary>
    public static ISiloBuilder AddCollectorLbStorage(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Files);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
