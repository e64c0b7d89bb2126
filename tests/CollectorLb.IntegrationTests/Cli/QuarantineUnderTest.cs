using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Cli;

/// <summary>
/// A TestingHost cluster whose quarantine holds files put there for real: <see cref="Garbage"/> files that are not
/// nfcapd files, <see cref="Empty"/> empty ones (another reason), and one name quarantined twice (a claim folder).
/// </summary>
public sealed class QuarantineUnderTest : IAsyncLifetime
{
    public const int Garbage = 60;
    public const int Empty = 20;
    public const string Twice = "nfcapd.202611270999";

    public CollectorHarness Harness { get; private set; } = null!;

    public List<string> GarbageNames { get; } = [.. Enumerable.Range(0, Garbage).Select(i => $"nfcapd.2026112706{i:D2}")];

    public List<string> EmptyNames { get; } = [.. Enumerable.Range(0, Empty).Select(i => $"nfcapd.2026112707{i:D2}")];

    public async Task InitializeAsync()
    {
        Harness = await CollectorHarness.StartAsync();
        foreach (var name in GarbageNames.Append(Twice))
        {
            FlowFiles.RenameInto(Harness.FlowDirectory, name, "this is not an nfcapd file"u8.ToArray());
        }

        foreach (var name in EmptyNames)
        {
            FlowFiles.RenameInto(Harness.FlowDirectory, name, []);
        }

        await WaitForQuarantinedAsync(Garbage + Empty + 1);

        // The same name again: its first file holds the name in the quarantine folder, so this one gets a claim folder.
        FlowFiles.RenameInto(Harness.FlowDirectory, Twice, "not an nfcapd file either"u8.ToArray());
        await WaitForQuarantinedAsync(Garbage + Empty + 2);
    }

    public Task<CliRun> RunAsync(params string[] args) => InProcessCli.RunAsync(Harness.Client, args);

    /// <summary>The sidecars as the silo reads them, in the order the listing promises.</summary>
    public List<QuarantinedFile> QuarantinedInListingOrder() => QuarantineOnDisk.InListingOrder(Harness.FlowDirectory, CollectorHarness.HostId);

    public Task DisposeAsync() => Harness.DisposeAsync().AsTask();

    private Task WaitForQuarantinedAsync(int count) =>
        Eventually.TrueAsync(() => Harness.Quarantined().Count == count && Harness.SpooledFiles().Count == 0, () => $"{Harness.Quarantined().Count} of {count} quarantined");
}
