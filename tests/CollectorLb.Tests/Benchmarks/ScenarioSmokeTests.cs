using CollectorLb.Benchmarks;
using CollectorLb.Benchmarks.Scenarios;

namespace CollectorLb.Tests.Benchmarks;

/// <summary>Every benchmark scenario at tiny sizes, against the real silo process, so make bench cannot rot.</summary>
public class ScenarioSmokeTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    [InlineData("d")]
    [InlineData("e")]
    [InlineData("f")]
    [InlineData("g")]
    public async Task RunScenario_SmokeSize_DeliversEveryFileAndChecksItsTargets(string id)
    {
        var scenario = ScenarioCatalog.Get(id);

        var report = await BenchRunner.RunScenarioAsync(scenario, ScenarioSize.Smoke, TextWriter.Null);

        Assert.Null(report.Error);
        Assert.NotEmpty(report.Rows);
        Assert.NotEmpty(report.Targets);
    }
}
