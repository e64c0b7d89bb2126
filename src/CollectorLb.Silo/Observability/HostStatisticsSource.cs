using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.ClusterView;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Options;
using CollectorLb.Silo.Nfcapd;
using Orleans.Configuration;

namespace CollectorLb.Silo.Observability;

/// <summary>This silo's statistics, as its <see cref="IHostGrain"/> hands them out.</summary>
internal sealed class HostStatisticsSource(
    FileStatistics files,
    CollectorMetrics metrics,
    StatisticsWindow window,
    DiskCensus disk,
    UploadGate uploadGate,
    IOptions<HostIdentityOptions> identity,
    NfcapdSupervisor nfcapd,
    IOptions<SiloOptions> siloOptions,
    ILocalSiloDetails localSilo,
    TimeProvider timeProvider) : IHostStatisticsSource
{
    public HostStatistics Capture() => new()
    {
        HostId = identity.Value.HostId,
        SiloName = siloOptions.Value.SiloName,
        SiloAddress = localSilo.SiloAddress.ToString(),
        StartedAt = files.Since,
        CapturedAt = timeProvider.GetUtcNow(),
        Files = files.Counts() with { Quarantined = disk.Quarantined },
        Totals = files.Totals() with { ConnectorEjections = metrics.Ejections },
        UploadsInFlight = uploadGate.InFlight,
        Backlog = disk.Backlog,
        Nfcapd = nfcapd.Status.ToString(),
        Slots = window.Snapshot(),
    };

    public IReadOnlyList<FileSnapshot> RecentFiles(FileQuery query) => files.Recent.Query(query);
}
