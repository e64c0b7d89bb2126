using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Cli.Output;

namespace CollectorLb.Cli.Commands;

/// <summary><c>status</c>: the cluster at a glance, as the dashboard's overview.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context) => context.Listing(
        new Command("status", "Hosts, throughput, in flight, backlog, quarantine, duplicates and connectors"),
        (_, view) => view.GetOverview(),
        overview => overview.Unreachable,
        Write);

    private static void Write(TextWriter output, ClusterOverview o)
    {
        output.WriteLine($"silos: {o.Hosts.Count} answering, {o.Unreachable.Count} not answering");
        output.WriteLine($"files/s: {Formats.Rate(o.FilesPerSecond)}  MB/s: {Formats.Rate(o.BytesPerSecond / 1048576)}  in flight: {o.UploadsInFlight}  backlog: {o.Backlog}  quarantined: {o.Files.Quarantined}  duplicates: {o.Totals.Duplicates}");
        output.WriteLine($"since start: detected {o.Totals.FilesDetected}, delivered {o.Totals.FilesDelivered} ({Formats.Size(o.Totals.BytesDelivered)}), failed attempts {o.Totals.UploadFailures}, quarantined {o.Totals.FilesQuarantined}, requeued {o.Totals.FilesRequeued}");
        output.WriteLine();
        var hosts = new TextTable("HOST", "SILO", "NFCAPD", "DETECTED", "DISPATCHING", "DELIVERED", "FAILED", "BACKLOG", "QUARANTINED");
        foreach (var h in o.Hosts)
        {
            hosts.Add(h.HostId, h.SiloName, h.Nfcapd ?? "-", h.Files.Detected, h.Files.Dispatching, h.Totals.FilesDelivered, h.Totals.UploadFailures, h.Backlog, h.Files.Quarantined);
        }

        hosts.WriteTo(output);
        output.WriteLine();
        if (o.Connectors is { } pool)
        {
            ConnectorsCommand.Write(output, pool, o.CapturedAt);
        }
        else
        {
            output.WriteLine("registry: the connector pool did not answer");
        }
    }
}
