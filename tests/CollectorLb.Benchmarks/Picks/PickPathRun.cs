using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace CollectorLb.Benchmarks.Picks;

/// <summary>Runs <see cref="PickPathBenchmarks"/> with BenchmarkDotNet in this process (no separate build), briefly.</summary>
internal static class PickPathRun
{
    public static IReadOnlyList<PickPathResult> Run(string artifactsFolder, TextWriter log)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithLaunchCount(1);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddLogger(new TextLogger(log))
            .WithArtifactsPath(artifactsFolder)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<PickPathBenchmarks>(config);
        return summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => new PickPathResult(
                (string)r.BenchmarkCase.Parameters[nameof(PickPathBenchmarks.Policy)],
                (int)r.BenchmarkCase.Parameters[nameof(PickPathBenchmarks.Connectors)],
                r.ResultStatistics!.Mean,
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
            .ToList();
    }
}
