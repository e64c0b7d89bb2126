using System.Buffers.Binary;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

public class QuarantineTests
{
    [Fact]
    public async Task InvalidFiles_AreQuarantinedWithTheReasonAndNeverSent()
    {
        await using var harness = await CollectorHarness.StartAsync();
        var wrongMagic = FlowFiles.Distinct(1);
        wrongMagic[0] = 0x00;
        var unknownVersion = FlowFiles.Distinct(2);
        BinaryPrimitives.WriteUInt16LittleEndian(unknownVersion.AsSpan(2), 7);
        var torn = FlowFiles.Distinct(3)[..5000];
        var cases = new Dictionary<string, (byte[] Content, string Reason)>
        {
            ["nfcapd.202611270401"] = (wrongMagic, "magic"),
            ["nfcapd.202611270402"] = (unknownVersion, "version 7"),
            ["nfcapd.202611270403"] = (torn, "torn"),
            ["nfcapd.202611270404"] = ([], "empty"),
        };
        foreach (var (name, (content, _)) in cases)
        {
            FlowFiles.RenameInto(harness.FlowDirectory, name, content);
        }

        foreach (var name in cases.Keys)
        {
            await harness.WaitUntilQuarantinedAsync(name);
        }

        foreach (var (name, (content, reason)) in cases)
        {
            var record = Assert.Single(harness.Quarantined(), r => r.FileName == name);
            Assert.Contains(reason, record.Reason);
            Assert.Equal(Path.Combine(harness.QuarantineDirectory, name), record.Path);
            Assert.Equal(content, File.ReadAllBytes(record.Path!));
            var sidecar = JsonDocument.Parse(File.ReadAllText(record.Path + ".json")).RootElement;
            Assert.Equal(record.Reason, sidecar.GetProperty("reason").GetString());
        }

        Assert.All(harness.Connectors, c => Assert.Equal(0, c.RequestCount));
        Assert.Empty(harness.SpooledFiles());
    }

    [Fact]
    public async Task FileFailingMaxAttempts_IsQuarantinedWithItsHistoryThenRequeuedAndDelivered()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorModes = [ConnectorMode.Fail500, ConnectorMode.Error],
            Settings = new Dictionary<string, string?> { ["CollectorLb:Delivery:MaxAttempts"] = "4" },
        });
        var files = harness.DropFiles(1);
        var name = files.Keys.Single();

        await harness.WaitUntilQuarantinedAsync(name);

        var record = harness.Quarantined().Single();
        Assert.Equal(4, record.Attempts);
        Assert.Contains("gave up after 4 attempts", record.Reason);
        Assert.Equal(["connector-1", "connector-2"], record.ConnectorsTried.Order());
        Assert.NotNull(record.LastError);
        Assert.Equal(files[name], FlowFiles.Sha256(record.Path!));
        Assert.Empty(harness.SpooledFiles());
        var grain = harness.Client.GetGrain<IFileGrain>(record.Key);
        Assert.Equal(FileStatus.Quarantined, (await grain.GetSnapshot()).Status);

        harness.Connectors[1].Mode = ConnectorMode.Success;
        Assert.Equal(RequeueOutcome.Requeued, await grain.Requeue());

        await harness.WaitUntilDeliveredAsync(files);
        Assert.Equal(files[name], Assert.Single(harness.Connectors[1].Received).Sha256Hex);
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => string.Join(", ", harness.FilesOnDisk()));
        Assert.Equal(RequeueOutcome.NotQuarantined, await grain.Requeue());
    }

    [Fact]
    public async Task SameNameQuarantinedTwice_KeepsBothUnderTheirOwnName()
    {
        await using var harness = await CollectorHarness.StartAsync();
        FlowFiles.RenameInto(harness.FlowDirectory, "nfcapd.202611270440", [1, 2, 3]);
        await Eventually.TrueAsync(() => harness.Quarantined().Count == 1, () => "first quarantined");
        FlowFiles.RenameInto(harness.FlowDirectory, "nfcapd.202611270440", [4, 5, 6]);
        await Eventually.TrueAsync(() => harness.Quarantined() is { Count: 2 } both && both.All(r => r.Path is { } path && File.Exists(path)), () => "second quarantined");

        var paths = harness.Quarantined().Select(r => r.Path!).ToList();
        Assert.All(paths, p => Assert.Equal("nfcapd.202611270440", Path.GetFileName(p)));
        Assert.Equal([[1, 2, 3], [4, 5, 6]], paths.Select(File.ReadAllBytes).OrderBy(b => b[0]).ToArray());
    }
}
