using System.CommandLine;
using CollectorLb.Benchmarks.Rig;
using CollectorLb.Benchmarks.Scenarios;
using CollectorLb.Testing.Paths;

namespace CollectorLb.Benchmarks.Cli;

/// <summary>The command line: which scenarios, at which size, whether to run the pick-path benchmark, and where the report goes.</summary>
internal static class BenchCommand
{
    public static RootCommand Create()
    {
        var scenarios = new Option<string[]>("--scenario")
        {
            Description = "Scenarios to run (a-g); all when not given",
            AllowMultipleArgumentsPerToken = true,
        };
        scenarios.AcceptOnlyFromAmong([.. ScenarioCatalog.All.Select(s => s.Id)]);
        var scale = new Option<string>("--scale")
        {
            Description = "full (the issue's sizes) or smoke (tiny sizes, seconds each)",
            DefaultValueFactory = _ => ScenarioSize.Full.Name,
        };
        scale.AcceptOnlyFromAmong(ScenarioSize.Full.Name, ScenarioSize.Smoke.Name);
        var noPicks = new Option<bool>("--no-picks") { Description = "Skip the BenchmarkDotNet pick-path benchmark" };
        var picksOnly = new Option<bool>("--picks-only") { Description = "Run only the BenchmarkDotNet pick-path benchmark, no scenario" };
        var silo = new Option<string?>("--silo") { Description = "Path of another CollectorLb.Silo.dll to measure (default: this repository's build)" };
        var name = new Option<string?>("--name") { Description = "File name (without extension) of the report and chart; default the date, yyyy-MM-dd" };
        var keep = new Option<bool>("--keep-work") { Description = "Keep the work folders under the temp folder (silo logs, files left)" };
        var output = new Option<string>("--out")
        {
            Description = "Folder for <date>.md and <date>.png",
            DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "bench", "results"),
        };

        var root = new RootCommand("CollectorLb benchmark: scenarios a-f of issue 4 against their ceilings, g (a cluster of silos, issue 16), and the pool's pick path")
        {
            scenarios, scale, noPicks, picksOnly, keep, silo, name, output,
        };
        root.SetAction(async (parseResult, _) =>
        {
            WorkDirectory.KeepAll = parseResult.GetValue(keep);
            RepositoryPaths.SiloAssemblyOverride = parseResult.GetValue(silo) is { } siloPath ? Path.GetFullPath(siloPath) : null;
            var chosen = parseResult.GetValue(picksOnly) ? []
                : parseResult.GetValue(scenarios) is { Length: > 0 } ids ? ids.Select(ScenarioCatalog.Get).ToList()
                : ScenarioCatalog.All;
            var size = parseResult.GetValue(scale) == ScenarioSize.Smoke.Name ? ScenarioSize.Smoke : ScenarioSize.Full;
            var (_, allFinished) = await BenchRunner.RunAsync(chosen, size, !parseResult.GetValue(noPicks), parseResult.GetValue(output)!, parseResult.GetValue(name), Console.Out);
            return allFinished ? 0 : 1;
        });
        return root;
    }
}
