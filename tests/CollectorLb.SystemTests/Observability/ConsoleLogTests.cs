using CollectorLb.Testing.Harnesses;

namespace CollectorLb.SystemTests.Observability;

/// <summary>The silo's console log: the formatter comes from configuration, timestamps are ISO-8601 UTC with the date.</summary>
public partial class ConsoleLogTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task JsonFormatter_FromTheEnvironment_EveryLineTheSiloWritesIsJsonWithAnIsoUtcTimestamp()
    {
        await using var silo = await SiloProcessHarness.StartAsync("json-log-host", connectors: 1, new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__CollectorLb.Grains.Files.FileGrain"] = "Debug",
        });
        var files = silo.DropFiles("nfcapd.20261203090", 2);
        await silo.WaitUntilDeliveredAsync(files.Keys);
        Assert.Equal(0, await silo.Process.StopAsync(StopTimeout));

        var entries = Lines(silo.Process.Output).Select(line =>
        {
            try
            {
                return JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new Xunit.Sdk.XunitException($"not a JSON line ({ex.Message}): {line}");
            }
        }).ToList();

        Assert.All(entries, entry =>
        {
            Assert.Matches(IsoUtcTimestamp(), entry.GetProperty("Timestamp").GetString());
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("LogLevel").GetString()));
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("Category").GetString()));
        });
        foreach (var name in files.Keys)
        {
            Assert.Contains(entries, e => Regex.IsMatch(e.GetProperty("Message").GetString()!, $@"^sent +{Regex.Escape(name)} to connector-1 "));
            Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.Contains(name, StringComparison.Ordinal) && e.GetProperty("LogLevel").GetString() == "Debug");
        }
    }

    [Fact]
    public async Task SimpleFormatter_ByDefault_OneLinePerEntryStartingWithTheUtcDateAndTime()
    {
        await using var silo = await SiloProcessHarness.StartAsync("simple-log-host", connectors: 1);
        var files = silo.DropFiles("nfcapd.20261203100", 1);
        await silo.WaitUntilDeliveredAsync(files.Keys);
        Assert.Equal(0, await silo.Process.StopAsync(StopTimeout));

        var lines = Lines(silo.Process.Output);
        Assert.All(lines, line => Assert.Matches(SimpleLine(), line));
        Assert.Contains(lines, line => Regex.IsMatch(line, $@" sent +{Regex.Escape(files.Keys.Single())} to connector-1 "));
    }

    private static List<string> Lines(string output) =>
        output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToList();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoUtcTimestamp();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z (trce|dbug|info|warn|fail|crit): \S")]
    private static partial Regex SimpleLine();
}
