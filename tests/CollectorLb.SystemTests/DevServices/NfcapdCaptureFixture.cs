using CollectorLb.DevServices.Exporter;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.DevServices;

/// <summary>Sends a known number of flows to a real nfcapd once and keeps the rotated files for the tests of the class.</summary>
public sealed class NfcapdCaptureFixture : IAsyncLifetime
{
    public const int FlowCount = 1000;

    private readonly TempDirectory _temp = new();

    public IReadOnlyList<string> Files { get; private set; } = [];

    public long FlowsInFiles { get; private set; }

    public long SequenceFailures { get; private set; }

    public string NfcapdOutput { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await using var nfcapd = await NfcapdProcess.StartAsync(_temp.Path);
        using var exporter = new NetFlowV5Exporter(nfcapd.EndPoint, 1000, new Random(2026));
        await exporter.SendBurstAsync(FlowCount, CancellationToken.None);

        // Flows may straddle a rotation: wait until the rotated files hold them all (or time out).
        await Eventually.TrueAsync(
            async () =>
            {
                var files = nfcapd.RotatedFiles();
                long flows = 0;
                long failures = 0;
                foreach (var file in files)
                {
                    var (fileFlows, fileFailures) = await NfdumpReader.StatAsync(file);
                    flows += fileFlows;
                    failures += fileFailures;
                }

                Files = files;
                FlowsInFiles = flows;
                SequenceFailures = failures;
                return flows >= FlowCount;
            },
            $"nfcapd rotated files holding {FlowCount} flows",
            TimeSpan.FromSeconds(30));
        NfcapdOutput = nfcapd.Output;
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
