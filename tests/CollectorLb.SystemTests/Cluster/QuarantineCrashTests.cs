using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using CollectorLb.Testing.Fakes;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Cluster;

/// <summary>
/// A silo that dies in the middle of a quarantine or a requeue (at each point where the move is half done) loses no
/// file and strands none: after a restart its grain (brought back by its reminder, state in Redis) finishes the move.
/// </summary>
public class QuarantineCrashTests
{
    private const string FileName = "nfcapd.202611270700";

    [Theory]
    [InlineData(CrashPoint.QuarantineRecordWritten)]
    [InlineData(CrashPoint.QuarantineFileMoved)]
    public async Task CrashDuringQuarantine_AfterRestartTheFileIsQuarantinedWithItsRecord_NothingLeftInTheSpool(CrashPoint point)
    {
        var crashPoints = new ArmedCrashPoints { Armed = point };
        await using var harness = await StartAsync(crashPoints);
        var host = harness.Hosts[0];
        FlowFiles.RenameInto(host.FlowDirectory, FileName, NotAFlowFile);

        await Eventually.TrueAsync(() => crashPoints.Crashes > 0, $"the quarantine reaches {point}");
        await RestartAsync(harness, crashPoints);

        var quarantineDirectory = Path.Combine(host.FlowDirectory, "quarantine");
        await Eventually.TrueAsync(
            async () => (await QuarantinedAsync(harness)).Any(q => q.FileName == FileName && q.Path is not null && File.Exists(q.Path)),
            () => "quarantined with its record: " + string.Join(", ", Directory.EnumerateFileSystemEntries(quarantineDirectory, "*", SearchOption.AllDirectories)));
        var record = Assert.Single(await QuarantinedAsync(harness));
        Assert.Contains("not an nfcapd file", record.Reason);
        Assert.Equal(NotAFlowFile, await File.ReadAllBytesAsync(record.Path!));
        Assert.Empty(host.SpooledFiles());
        FileSnapshot? snapshot = null;
        await Eventually.TrueAsync(
            async () => (snapshot = await harness.SnapshotAsync(record.Key)).Status == FileStatus.Quarantined,
            () => $"the grain's state says Quarantined: {snapshot?.Status}, last error {snapshot?.LastError}, next attempt {snapshot?.NextAttemptAt}");
        await Eventually.TrueAsync(async () => await harness.ReminderRowsAsync() == 0, "its reminder is gone");
    }

    [Theory]
    [InlineData(CrashPoint.RequeueDecided)]
    [InlineData(CrashPoint.RequeueFileMovedBack)]
    public async Task CrashDuringRequeue_AfterRestartTheFileIsDelivered_AndItsRecordIsGone(CrashPoint point)
    {
        var crashPoints = new ArmedCrashPoints();
        await using var harness = await StartAsync(crashPoints);
        var host = harness.Hosts[0];
        FlowFiles.RenameInto(host.FlowDirectory, FileName, NotAFlowFile);
        await Eventually.TrueAsync(async () => (await QuarantinedAsync(harness)).Any(q => q.FileName == FileName), "the bad file is quarantined");

        // An operator repairs the file where it lies and requeues it; the silo dies half-way.
        var record = Assert.Single(await QuarantinedAsync(harness));
        var repaired = FlowFiles.Distinct(7);
        await File.WriteAllBytesAsync(record.Path!, repaired);
        crashPoints.Armed = point;
        try
        {
            await harness.CallAsync(client => client.GetClusterView().Requeue(record.Key));
        }
        catch (Exception ex) when (ex.Message.Contains("simulated crash", StringComparison.Ordinal))
        {
            // The crash cut the requeue call short: what was decided must still happen.
        }

        await Eventually.TrueAsync(() => crashPoints.Crashes > 0, $"the requeue reaches {point}");
        await RestartAsync(harness, crashPoints);

        await DeliveryWait.UntilReceivedAsync(harness.Connectors, [FileName], received => $"{received.Count} delivered; quarantine: {QuarantineListing(host)}");
        Assert.Equal(FlowFiles.Sha256(repaired), Assert.Single(harness.AllReceived, r => r.FileName == FileName).Sha256Hex);
        await Eventually.TrueAsync(() => host.FilesOnDisk().Count == 0, () => $"nothing left on disk: {string.Join(", ", host.FilesOnDisk())}");
        Assert.Empty(await QuarantinedAsync(harness));
        await Eventually.TrueAsync(async () => await harness.ReminderRowsAsync() == 0, "its reminder is gone");
    }

    private static byte[] NotAFlowFile => "this is not an nfcapd file, whatever its name says"u8.ToArray();

    private static Task<RedisClusterHarness> StartAsync(ArmedCrashPoints crashPoints) =>
        RedisClusterHarness.StartAsync(hostCount: 1, configureServices: services =>
        {
            services.AddSingleton<ICrashPoints>(crashPoints);
            services.PostConfigure<DeliveryOptions>(delivery => delivery.StuckFileReminderSeconds = 1);
        });

    /// <summary>Kills the host's silo where it stands, disarms the crash, and starts it again over the same directory and Redis.</summary>
    private static async Task RestartAsync(RedisClusterHarness harness, ArmedCrashPoints crashPoints)
    {
        var host = harness.Hosts[0];
        await harness.StopHostAsync(host, kill: true);
        crashPoints.Armed = null;
        await harness.StartHostAsync(host);
    }

    private static async Task<IReadOnlyList<QuarantinedFile>> QuarantinedAsync(RedisClusterHarness harness) =>
        (await harness.CallAsync(client => client.GetClusterView().GetQuarantine(new QuarantineQuery()))).Items;

    private static string QuarantineListing(CollectorHost host)
    {
        var directory = Path.Combine(host.FlowDirectory, "quarantine");
        return Directory.Exists(directory) ? string.Join(", ", Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)) : "(none)";
    }
}
