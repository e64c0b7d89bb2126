using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;

namespace CollectorLb.SystemTests.DevServices;

public sealed class NfcapdIntegrationTests(NfcapdCaptureFixture capture) : IClassFixture<NfcapdCaptureFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Exporter_BurstToRealNfcapd_RotatedFilesHoldEveryFlow()
    {
        Assert.Equal(NfcapdCaptureFixture.FlowCount, capture.FlowsInFiles);
        Assert.Equal(0, capture.SequenceFailures);
        Assert.Contains("Process_v5: New exporter", capture.NfcapdOutput, StringComparison.Ordinal);
        var csvLines = 0;
        foreach (var file in capture.Files)
        {
            csvLines += await Nfdump.CountFlowsAsync(file);
        }

        Assert.Equal(NfcapdCaptureFixture.FlowCount, csvLines);
    }

    [Fact]
    public async Task ConvertWithNfdump_RealNfcapdFile_StoresAndAnswersSuccess()
    {
        var file = capture.Files.First(f => new FileInfo(f).Length > 1000);
        var body = await File.ReadAllBytesAsync(file);
        await using var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            ConvertWithNfdump = true,
        });
        using var http = HttpTestClient.Create();

        var (status, answer) = await HttpTestClient.ConvertAsync(http, connector.Url, Path.GetFileName(file), body);

        Assert.Equal((200, """{"result":"success"}"""), (status, answer));
        Assert.Equal(body, await File.ReadAllBytesAsync(Path.Combine(_temp.Path, Path.GetFileName(file))));
    }

    [Fact]
    public async Task ConvertWithNfdump_NfdumpFails_Answers400AndKeepsNothing()
    {
        await using var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            ConvertWithNfdump = true,
            NfdumpPath = "false",
        });

        using var http = HttpTestClient.Create();
        var (status, body) = await HttpTestClient.ConvertAsync(http, connector.Url, "nfcapd.202611270440", [1, 2, 3]);

        Assert.Equal(400, status);
        Assert.Contains("exited with code 1", HttpTestClient.Message(body), StringComparison.Ordinal);
        Assert.Empty(connector.Received);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }
}
