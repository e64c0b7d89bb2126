using CollectorLb.Abstractions.ClusterView;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

/// <summary>
/// An attempt whose whole body went out without an acknowledgement may have reached the connector: the resend is
/// logged as a possible duplicate and counted, with the same file id.
/// </summary>
public class UnknownOutcomeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(ConnectorMode.SlowAfterBody)]
    [InlineData(ConnectorMode.ResetAfterBody)]
    public async Task BodyReceivedWithoutAnAnswer_TheResendIsFlaggedAsAPossibleDuplicate(ConnectorMode silentAfterBody)
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorModes = [silentAfterBody, ConnectorMode.Success],
            Settings = new Dictionary<string, string?> { ["CollectorLb:Upload:TimeoutSeconds"] = "1" },
        });
        var silent = harness.Connectors[0];
        silent.Delay = TimeSpan.FromSeconds(3); // answers after the timeout, having stored the file
        var healthy = harness.Connectors[1];

        var files = harness.DropFiles(10);
        await DeliveryWait.UntilReceivedAsync([healthy], files.Keys, received => $"{received.Count} of {files.Count} acknowledged by {healthy.Name}");
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => "directory empty: " + string.Join(", ", harness.FilesOnDisk()));

        // Which files went to the silent connector first is the policy's pick; each of those must be flagged.
        var resent = silent.Received.Select(r => r.FileName).Distinct().ToList();
        Assert.NotEmpty(resent);
        foreach (var name in resent)
        {
            await Eventually.TrueAsync(() => harness.Log.Messages.Any(m => m.StartsWith($"duplicate possible: {name} ", StringComparison.Ordinal)), $"'duplicate possible: {name}' logged");
        }

        var flagged = harness.Log.Messages.Count(m => m.StartsWith("duplicate possible: ", StringComparison.Ordinal));
        Assert.Equal(resent.Count, flagged);
        await Eventually.TrueAsync(
            async () => (await harness.Client.GetClusterView().GetOverview()).Totals.Duplicates == resent.Count,
            () => $"collectorlb_files_duplicates_total reaches {resent.Count}");

        // Every resend carried the file id of the first try, so a connector could drop the second copy.
        var fileIds = healthy.Received.ToDictionary(r => r.FileName, r => r.Headers["X-CollectorLb-File-Id"]);
        Assert.All(silent.Received, r => Assert.Equal(fileIds[r.FileName], r.Headers["X-CollectorLb-File-Id"]));

        output.WriteLine($"{silentAfterBody}: {resent.Count} of {files.Count} files first went to the silent connector; {flagged} flagged");
    }
}
