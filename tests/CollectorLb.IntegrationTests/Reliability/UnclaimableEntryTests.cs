using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Observability.Health;
using CollectorLb.Silo.Watching;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CollectorLb.IntegrationTests.Reliability;

/// <summary>
/// One entry the silo cannot claim never stops the others: it stays where it is, is never sent, and is reported
/// once (log, gauge, /readyz's details) however many rescans see it.
/// </summary>
public class UnclaimableEntryTests
{
    private const string Stuck = "nfcapd.202611270000";

    [Fact]
    public async Task ImmutableFileAsTheOldestEntry_EveryOtherFileIsDelivered_ItStaysUnsentAndIsReportedOnce()
    {
        HostileEntries.RequireRoot("the immutable flag on the oldest file");
        string? stuckPath = null;
        var atStart = new Dictionary<string, string>();
        try
        {
            await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
            {
                BeforeStart = flow =>
                {
                    stuckPath = Path.Combine(flow, Stuck);
                    File.WriteAllBytes(stuckPath, FlowFiles.Distinct(100));
                    File.SetLastWriteTimeUtc(stuckPath, DateTime.UtcNow.AddHours(-1));
                    HostileEntries.SetImmutable(stuckPath);
                    for (var i = 0; i < 10; i++)
                    {
                        var content = FlowFiles.Distinct(i);
                        File.WriteAllBytes(Path.Combine(flow, $"nfcapd.2026112701{i:D2}"), content);
                        atStart[$"nfcapd.2026112701{i:D2}"] = FlowFiles.Sha256(content);
                    }
                },
            });
            var later = harness.DropFiles(5, prefix: "nfcapd.2026112702");

            await harness.WaitUntilDeliveredAsync(atStart.Concat(later).ToDictionary());

            // Several full listings meet the immutable file: it is still reported once.
            var watcher = harness.SiloServices.GetRequiredService<DirectoryWatcher>();
            var scans = watcher.CompletedScans;
            await Eventually.TrueAsync(() => watcher.CompletedScans >= scans + 3, "three more rescans");
            Assert.Equal(15, harness.AllReceived.Count());
            Assert.All(harness.AllReceived, r => Assert.Equal(atStart.GetValueOrDefault(r.FileName) ?? later[r.FileName], r.Sha256Hex));
            Assert.DoesNotContain(harness.AllReceived, r => r.FileName == Stuck);
            Assert.Equal(FlowFiles.Distinct(100), File.ReadAllBytes(stuckPath!));
            Assert.Empty(FlowFiles.Under(harness.SpoolDirectory));
            var warnings = harness.Log.Messages.Where(m => m.StartsWith($"cannot claim {Stuck}:", StringComparison.Ordinal)).ToList();
            var warning = Assert.Single(warnings);
            Assert.Contains("Operation not permitted", warning);

            var unclaimable = harness.SiloServices.GetRequiredService<UnclaimableEntries>();
            Assert.Equal(Stuck, Assert.Single(unclaimable.Take(10)).Name);
            var directory = await new FlowDirectoryHealthCheck(harness.SiloServices.GetRequiredService<FileSpool>(), unclaimable)
                .CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Healthy, directory.Status);
            Assert.Equal(1, directory.Data["unclaimable"]);

            // Once the flag is gone the file is claimed and delivered like any other, and leaves the set.
            HostileEntries.ClearImmutable(stuckPath!);
            await harness.WaitUntilDeliveredAsync(new Dictionary<string, string> { [Stuck] = FlowFiles.Sha256(FlowFiles.Distinct(100)) });
            Assert.Equal(0, unclaimable.Count);
            Assert.Contains($"claimed {Stuck}, which could not be claimed before", harness.Log.Messages);
        }
        finally
        {
            if (stuckPath is not null)
            {
                HostileEntries.ClearImmutable(stuckPath);
            }
        }
    }

    [Fact]
    public async Task NameThatIsNotUtf8_IsLeftAloneAndReportedOnce_TheOthersAreDelivered()
    {
        byte[] rawName = [.. "nfcapd.20261127"u8, 0xFF, 0xFE, .. "0300"u8];
        const string printable = "nfcapd.20261127\\xFF\\xFE0300";
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            BeforeStart = flow => HostileEntries.CreateWithRawName(flow, rawName, FlowFiles.Distinct(50)),
        });
        var files = harness.DropFiles(3);

        // One more arrives while the silo runs, so the name is met by the watcher's events as well as its listing.
        HostileEntries.CreateWithRawName(harness.FlowDirectory, [.. "nfcapd.20261127"u8, 0xC3, .. "0301"u8], FlowFiles.Distinct(51));
        await harness.WaitUntilDeliveredAsync(files);
        var watcher = harness.SiloServices.GetRequiredService<DirectoryWatcher>();
        var unclaimable = harness.SiloServices.GetRequiredService<UnclaimableEntries>();
        var scans = watcher.CompletedScans;
        await Eventually.TrueAsync(() => watcher.CompletedScans >= scans + 3 && unclaimable.Count == 2, () => $"three more rescans, 2 unclaimable ({unclaimable.Count})");

        Assert.Equal(files.Keys.Order(), harness.AllReceived.Select(r => r.FileName).Order());
        Assert.True(HostileEntries.ExistsWithRawName(harness.FlowDirectory, rawName), "the file was moved or renamed");
        Assert.Equal(["nfcapd.20261127\\xC30301", printable], unclaimable.Take(10).Select(e => e.Name));
        Assert.All(unclaimable.Take(10), e => Assert.Contains("not valid UTF-8", e.Reason));
        Assert.Single(harness.Log.Messages, m => m.StartsWith($"cannot claim {printable}:", StringComparison.Ordinal));
        Assert.Single(harness.Log.Messages, m => m.StartsWith("cannot claim nfcapd.20261127\\xC30301:", StringComparison.Ordinal));

        // Renamed by an operator, it is an ordinary file.
        HostileEntries.RenameRawName(harness.FlowDirectory, rawName, "nfcapd.202611270300");
        await harness.WaitUntilDeliveredAsync(new Dictionary<string, string> { ["nfcapd.202611270300"] = FlowFiles.Sha256(FlowFiles.Distinct(50)) });
        await Eventually.TrueAsync(() => unclaimable.Count == 1, () => $"the renamed file left the set ({unclaimable.Count})");
    }
}
