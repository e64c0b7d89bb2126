using CollectorLb.Testing.Silos;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// Ceiling and silo take turns, round after round, each round on fresh files: a round lasts seconds, so one round
/// measures whatever else the machine did then. The medians are compared, every round is listed, and CPU is summed
/// over all rounds (the silo's too while the ceiling runs: what it took from it).
/// </summary>
internal sealed class AlternatingRounds
{
    private readonly List<double> _ceilings = [];
    private readonly List<double> _ours = [];
    private readonly string _unit;
    private int _filesSent;

    private AlternatingRounds(string unit) => _unit = unit;

    public (TimeSpan Silo, TimeSpan Bench) CeilingCpu { get; private set; }

    public (TimeSpan Silo, TimeSpan Bench) OursCpu { get; private set; }

    public double CeilingMedian => Median.Of(_ceilings);

    public double OursMedian => Median.Of(_ours);

    /// <summary>Ours against the ceiling, median to median.</summary>
    public double Ratio => OursMedian / CeilingMedian;

    /// <summary>
    /// Each round: <paramref name="makeFiles"/>, then the ceiling on them, then the silo (which removes them); both
    /// return a rate in <paramref name="unit"/>. Each round is logged as <paramref name="scenario"/>'s.
    /// </summary>
    public static async Task<AlternatingRounds> RunAsync(
        int rounds,
        SiloProcess silo,
        Func<Task<IReadOnlyList<string>>> makeFiles,
        Func<IReadOnlyList<string>, Task<double>> ceiling,
        Func<IReadOnlyList<string>, Task<double>> ours,
        TextWriter log,
        string scenario,
        string unit)
    {
        var result = new AlternatingRounds(unit);
        for (var round = 1; round <= rounds; round++)
        {
            var files = await makeFiles();
            result._filesSent += files.Count;
            var ceilingMeter = CpuMeter.Start(silo);
            result._ceilings.Add(await ceiling(files));
            result.CeilingCpu = Add(result.CeilingCpu, ceilingMeter.Stop());

            var oursMeter = CpuMeter.Start(silo);
            result._ours.Add(await ours(files));
            result.OursCpu = Add(result.OursCpu, oursMeter.Stop());
            log.WriteLine($"  {scenario} round {round}: ceiling {result._ceilings[^1]:0} {unit}, ours {result._ours[^1]:0} {unit}");
        }

        return result;
    }

    /// <summary>Every round as <c>ours/ceiling</c>, in order.</summary>
    public string DescribeRounds() => string.Join(", ", _ours.Zip(_ceilings, (o, c) => $"{o:0}/{c:0}"));

    /// <summary>Both medians, for the log.</summary>
    public string DescribeMedians() => $"ours {OursMedian:0} {_unit}, ceiling {CeilingMedian:0} {_unit}";

    /// <summary>CPU per file over all rounds: the ceiling and the silo each sent every file made.</summary>
    public string DescribeCpuPerFile() => CpuPerFile.Describe(OursCpu, _filesSent, CeilingCpu, _filesSent);

    private static (TimeSpan Silo, TimeSpan Bench) Add((TimeSpan Silo, TimeSpan Bench) sum, (TimeSpan Silo, TimeSpan Bench) more) =>
        (sum.Silo + more.Silo, sum.Bench + more.Bench);
}
