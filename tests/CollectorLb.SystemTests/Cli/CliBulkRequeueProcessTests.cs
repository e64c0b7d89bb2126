using CollectorLb.Cli;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Cli;

public class CliBulkRequeueProcessTests
{
    private const int Files = 500;

    [Fact]
    public async Task RequeueAll_500QuarantinedFiles_TheRealCliPutsAllBackAndReports500_EachIsDeliveredByteIdentical_AndTheQuarantineIsEmpty()
    {
        await using var silo = await SiloProcessHarness.StartAsync("bulk-host");
        var names = Enumerable.Range(0, Files).Select(i => $"nfcapd.20261127{i:D4}").ToList();
        foreach (var name in names)
        {
            silo.DropInvalidFile(name);
        }

        await Eventually.TrueAsync(
            () => Directory.Exists(silo.QuarantineDirectory) && Directory.EnumerateFiles(silo.QuarantineDirectory, "*.json").Count() == Files,
            () => $"{(Directory.Exists(silo.QuarantineDirectory) ? Directory.EnumerateFiles(silo.QuarantineDirectory, "*.json").Count() : 0)} of {Files} quarantined");

        // The operator repairs the files where they lie, then releases them all in one move.
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < Files; i++)
        {
            var content = FlowFiles.Distinct(i);
            await File.WriteAllBytesAsync(Path.Combine(silo.QuarantineDirectory, names[i]), content);
            expected[names[i]] = FlowFiles.Sha256(content);
        }

        var run = await CliProcess.RunAsync(new Dictionary<string, string>(), "--gateway", $"127.0.0.1:{silo.GatewayPort.ToString(CultureInfo.InvariantCulture)}", "requeue", "--all");

        Assert.True(run.ExitCode == ExitCodes.Ok, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains($"{Files} files requeued, 0 refused", run.Stdout);
        await silo.WaitUntilDeliveredAsync(names);
        var received = silo.AllReceived.Where(r => expected.ContainsKey(r.FileName)).ToList();
        Assert.Equal(Files, received.Select(r => r.FileName).Distinct().Count());
        Assert.All(received, r => Assert.Equal(expected[r.FileName], r.Sha256Hex));
        await Eventually.TrueAsync(() => !Directory.EnumerateFileSystemEntries(silo.QuarantineDirectory).Any(), "the quarantine folder is empty");
    }
}
