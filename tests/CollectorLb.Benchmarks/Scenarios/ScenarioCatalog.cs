namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>The issue's scenarios a-f, in order.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new SmallFilesScenario(),
        new LargeFilesScenario(),
        new SlowConnectorsScenario(),
        new UnevenConnectorsScenario(),
        new BacklogScenario(),
        new NfdumpConnectorsScenario(),
    ];

    public static IScenario Get(string id) =>
        All.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"No scenario '{id}'; expected one of {string.Join(", ", All.Select(s => s.Id))}.", nameof(id));
}
