using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;

namespace CollectorLb.Testing.Flows;

/// <summary>A host's quarantine folder read straight from disk, in the order its listing promises: file name, host, then slot.</summary>
public static class QuarantineOnDisk
{
    /// <summary>Every sidecar under <paramref name="flowDirectory"/>'s quarantine folder, as the silo reads them, in listing order.</summary>
    public static List<QuarantinedFile> InListingOrder(string flowDirectory, string hostId)
    {
        var store = new QuarantineStore(Microsoft.Extensions.Options.Options.Create(new SpoolOptions { FlowDirectory = flowDirectory }), Microsoft.Extensions.Options.Options.Create(new HostIdentityOptions { HostId = hostId }), new NoCrashPoints());
        return [.. store.List().OrderBy(f => PositionOf(f, store.Directory))];
    }

    /// <summary>A file's place in the listing: "" for a file under its own name, else the claim folder it went to.</summary>
    public static QuarantinePosition PositionOf(QuarantinedFile file, string quarantineDirectory)
    {
        var folder = Path.GetDirectoryName(file.Path!)!;
        return new QuarantinePosition(file.FileName, file.HostId, folder == quarantineDirectory ? string.Empty : Path.GetFileName(folder));
    }
}
