using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

public class HostileNameTests
{
    public static readonly string[] Names =
    [
        "nfcapd 2026 11 27 with spaces",
        "it's \"quoted\"",
        "$(touch pwned)",
        "`touch pwned`",
        "semi;colon|pipe&amp>redirect<",
        "line\nbreak",
        "tab\tand\rreturn",
        "ünïcødé-流量-📈",
        "percent%2Fslash%00nul",
        "-starts-with-dash",
        "?query=1&filename=other#fragment",
        new string('n', 255),
        string.Concat(Enumerable.Repeat("流", 85)),
    ];

    [Fact]
    public async Task HostileFileNames_AreDeliveredByteIdenticalUnderTheSameName()
    {
        using var witness = new TempDirectory("witness");
        await using var harness = await CollectorHarness.StartAsync();
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < Names.Length; i++)
        {
            var content = FlowFiles.Distinct(i);
            FlowFiles.RenameInto(harness.FlowDirectory, Names[i], content);
            expected[Names[i]] = FlowFiles.Sha256(content);
        }

        await harness.WaitUntilDeliveredAsync(expected);

        Assert.Equal(expected.Count, harness.AllReceived.Count());
        Assert.All(harness.AllReceived, r => Assert.Equal(expected[r.FileName], FlowFiles.Sha256(r.StoredPath)));
        Assert.All(harness.AllReceived, r => Assert.Equal(r.FileName, Path.GetFileName(r.StoredPath)));
        Assert.False(File.Exists("pwned"));
        Assert.False(File.Exists(Path.Combine(harness.FlowDirectory, "pwned")));
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => string.Join(", ", harness.FilesOnDisk()));
    }
}
