using CollectorLb.Testing.Paths;

namespace CollectorLb.Testing.Programs;

/// <summary>The built <c>collectorlb</c> program, as an operator runs it.</summary>
public static class CliProcess
{
    /// <summary>Runs it with <paramref name="environment"/> on top of ours until it exits.</summary>
    public static Task<ToolRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ToolRun.RunAsync("dotnet", [RepositoryPaths.BuildOutput("CollectorLb.Cli", "collectorlb.dll"), .. args], TimeSpan.FromSeconds(60), environment: environment);
}
