namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>The scenarios: a-f of issue 4 and g of issue 16, in order.</summary>
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
        new ScaleScenario(),
    ];

    public static IScenario Get(string id) =>
        All.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"No scenario '{id}'; expected one of {string.Join(", ", All.Select(s => s.Id))}.", nameof(id));
}
