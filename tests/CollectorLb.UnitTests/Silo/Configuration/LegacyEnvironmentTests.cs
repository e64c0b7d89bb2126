using CollectorLb.Silo.Configuration;

namespace CollectorLb.UnitTests.Silo.Configuration;

public class LegacyEnvironmentTests
{
    [Fact]
    public void Read_OldVariables_MapOntoOurSettings()
    {
        var variables = new Dictionary<string, string>
        {
            ["NFCAPD_PORT"] = "2055",
            ["NFCAPD_INTERVAL_SECONDS"] = "300",
            ["REGISTRY_IP"] = "registry.example",
            ["REGISTRY_PORT"] = "5001",
            ["BENCHMARK_MODE"] = "TRUE",
        };

        var settings = LegacyEnvironment.Read(name => variables.GetValueOrDefault(name));

        Assert.Equal("2055", settings["CollectorLb:Nfcapd:Port"]);
        Assert.Equal("300", settings["CollectorLb:Nfcapd:IntervalSeconds"]);
        Assert.Equal("registry.example", settings["CollectorLb:Registry:Host"]);
        Assert.Equal("5001", settings["CollectorLb:Registry:Port"]);
        Assert.Equal("true", settings["CollectorLb:Benchmark:Enabled"]);
    }

    [Fact]
    public void Read_NothingSet_AddsNothingSoDefaultsApply()
    {
        Assert.Empty(LegacyEnvironment.Read(_ => null));
    }

    [Fact]
    public void Read_MalformedValues_ListsEachVariableWithItsRange()
    {
        var variables = new Dictionary<string, string>
        {
            ["NFCAPD_PORT"] = "70000",
            ["NFCAPD_INTERVAL_SECONDS"] = "soon",
            ["BENCHMARK_MODE"] = "maybe",
        };

        var error = Assert.Throws<InvalidSettingException>(() => LegacyEnvironment.Read(name => variables.GetValueOrDefault(name)));

        Assert.Equal(3, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.StartsWith("NFCAPD_PORT", StringComparison.Ordinal) && e.Contains("between 1 and 65535") && e.Contains("'70000'"));
        Assert.Contains(error.Errors, e => e.StartsWith("NFCAPD_INTERVAL_SECONDS", StringComparison.Ordinal) && e.Contains("between 2 and 86400"));
        Assert.Contains(error.Errors, e => e.StartsWith("BENCHMARK_MODE", StringComparison.Ordinal) && e.Contains("true or false"));
    }
}
