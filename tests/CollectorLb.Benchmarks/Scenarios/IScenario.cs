using CollectorLb.Benchmarks.Report;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>One of the scenarios a-f: runs the silo and its ceiling and reports both.</summary>
internal interface IScenario
{
    /// <summary>The letter.</summary>
    string Id { get; }

    string Title { get; }

    Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log);
}
