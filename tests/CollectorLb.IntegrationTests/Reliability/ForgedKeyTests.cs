using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Silo.Watching;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

/// <summary>
/// Any Orleans client that reaches a gateway can name a grain. Keys and names it makes up to reach files outside
/// the spool (path tricks, NUL, links planted in the spool) are refused, and nothing on disk changes.
/// </summary>
public sealed class ForgedKeyTests(ForgedKeyTests.PlantedSpool planted) : IClassFixture<ForgedKeyTests.PlantedSpool>
{
    private const string Decoy = "nfcapd.202611270440";

    private CollectorHarness Harness => planted.Harness;

    private string Outside => planted.Outside.Path;

    public static readonly string[] PathTricks =
    [
        $"{CollectorHarness.HostId}/x/../../etc/passwd",
        $"{CollectorHarness.HostId}/../x/nfcapd.1",
        $"{CollectorHarness.HostId}/x/../../../outside/{Decoy}",
        $"{CollectorHarness.HostId}/../../{Decoy}",
        $"{CollectorHarness.HostId}/x/..",
        $"{CollectorHarness.HostId}/./{Decoy}",
        $"{CollectorHarness.HostId}/x/{Decoy}\0",
        $"{CollectorHarness.HostId}/x\0/{Decoy}",
        $"{CollectorHarness.HostId}/x/",
        $"{CollectorHarness.HostId}//{Decoy}",
        $"../x/{Decoy}",
    ];

    [Fact]
    public async Task Detect_KeysWithPathTricks_AreRefusedAndNothingOnDiskChanges()
    {
        var relative = Path.GetRelativePath(Harness.SpoolDirectory, Outside);
        var before = Tree();

        foreach (var forged in PathTricks.Append($"{CollectorHarness.HostId}/x/{relative}/{Decoy}"))
        {
            var grain = Harness.Client.GetGrain<IFileGrain>(forged);
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Detect(new DetectedFile(100, DateTimeOffset.UtcNow)));
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Requeue());
        }

        await AssertNothingChangedAsync(before);
    }

    [Theory]
    [InlineData("20261127T000000000-1", Decoy)] // a claim folder that is a link out of the spool
    [InlineData("20261127T000000000-2", Decoy)] // a claimed "file" that is a link
    [InlineData("20261127T000000000-2", "nfcapd.202611270441")] // a FIFO, whose open would block
    [InlineData("20261127T000000000-3", Decoy)] // no such claim
    public async Task Detect_WellFormedKeyOfAPlantedEntry_FindsNothingToSendAndNothingOnDiskChanges(string claim, string name)
    {
        var before = Tree();
        var key = $"{CollectorHarness.HostId}/{claim}/{name}";

        await Harness.Client.GetGrain<IFileGrain>(key).Detect(new DetectedFile(100, DateTimeOffset.UtcNow));

        Assert.Equal(FileStatus.Unknown, (await Harness.Client.GetGrain<IFileGrain>(key).GetSnapshot()).Status);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task Requeue_ForgedKeysAndNames_AreRefusedByTheHostAndTheClusterViewAndNothingOnDiskChanges()
    {
        var before = Tree();

        foreach (var forged in PathTricks.Append("../../etc/passwd").Append($"../{Decoy}"))
        {
            var byHost = await Harness.Client.GetGrain<IHostGrain>(CollectorHarness.HostId).Requeue(forged);
            var byCluster = await Harness.Client.GetClusterView().Requeue(forged);
            Assert.All([byHost, byCluster], answer => Assert.NotEqual(RequeueOutcome.Requeued, answer.Outcome));
        }

        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public void FileKeyParse_EveryPathTrick_IsAFormatException()
    {
        Assert.All(PathTricks, key => Assert.Throws<FormatException>(() => FileKey.Parse(key)));
    }

    /// <summary>Waits past one rescan (a forged report could only act through the grain) and compares the trees.</summary>
    private async Task AssertNothingChangedAsync(IReadOnlyList<string> before)
    {
        var watcher = Harness.SiloServices.GetRequiredService<DirectoryWatcher>();
        var scans = watcher.CompletedScans;
        await Eventually.TrueAsync(() => watcher.CompletedScans >= scans + 2, "two more rescans");
        Assert.Equal(before, Tree());
        Assert.Equal(FlowFiles.Distinct(1), File.ReadAllBytes(Path.Combine(Outside, Decoy)));
        Assert.Single(Harness.AllReceived);
        Assert.False(Directory.Exists(Harness.QuarantineDirectory), "something was quarantined");
    }

    /// <summary>Every entry under the flow directory and the outside folder: kind, size and time, links not followed.</summary>
    private List<string> Tree() =>
        new[] { Harness.FlowDirectory, Outside }
            .SelectMany(root => new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            .Where(entry => !entry.Name.StartsWith(".readyz-", StringComparison.Ordinal))
            .Select(entry => $"{entry.FullName} {entry.Attributes} {(entry as FileInfo)?.Length} {entry.LastWriteTimeUtc:O}")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>One silo for the class, with an nfcapd-looking file outside its spool and links to it planted in the spool.</summary>
    public sealed class PlantedSpool : IAsyncLifetime
    {
        public TempDirectory Outside { get; } = new("outside");

        public CollectorHarness Harness { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Harness = await CollectorHarness.StartAsync();
            File.WriteAllBytes(Path.Combine(Outside.Path, Decoy), FlowFiles.Distinct(1));
            Directory.CreateSymbolicLink(Path.Combine(Harness.SpoolDirectory, "20261127T000000000-1"), Outside.Path);
            var planted = Directory.CreateDirectory(Path.Combine(Harness.SpoolDirectory, "20261127T000000000-2")).FullName;
            File.CreateSymbolicLink(Path.Combine(planted, Decoy), Path.Combine(Outside.Path, Decoy));
            HostileEntries.MakeFifo(Path.Combine(planted, "nfcapd.202611270441"));

            // A real delivery first, so the silo has listed its spool (with the planted entries) at least once; and the
            // delivered file deleted, so no test takes its "before" while that delete is still on its way.
            await Harness.WaitUntilDeliveredAsync(Harness.DropFiles(1));
            string[] plantedClaims = ["20261127T000000000-1", "20261127T000000000-2"];
            bool Unplanted(string path) =>
                !Path.GetFileName(path).StartsWith(".readyz-", StringComparison.Ordinal) && !plantedClaims.Contains(Path.GetFileName(Path.GetDirectoryName(path)));
            await Eventually.TrueAsync(
                () => !Harness.FilesOnDisk().Any(Unplanted),
                () => "only the planted entries left on disk: " + string.Join(", ", Harness.FilesOnDisk().Where(Unplanted)));
        }

        public async Task DisposeAsync()
        {
            await Harness.DisposeAsync();
            Outside.Dispose();
        }
    }
}
