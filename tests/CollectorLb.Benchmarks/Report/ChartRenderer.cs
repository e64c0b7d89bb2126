using CollectorLb.Benchmarks.Rig;
using ScottPlot;

namespace CollectorLb.Benchmarks.Report;

/// <summary>One PNG, two panels: throughput as a share of each scenario's reference, and the latency CDFs on a log axis.</summary>
internal static class ChartRenderer
{
    public static void Render(string path, IReadOnlyList<ScenarioReport> scenarios)
    {
        var multiplot = new Multiplot();
        var empty = multiplot.GetPlot(0);
        multiplot.AddPlot(Throughput(scenarios.SelectMany(s => s.Bars).ToList()));
        multiplot.AddPlot(LatencyCdf(scenarios.SelectMany(s => s.Latencies).Where(l => l.Milliseconds.Length > 0).ToList()));
        multiplot.RemovePlot(empty);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 1600, 700);
    }

    private static Plot Throughput(IReadOnlyList<ThroughputBar> bars)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var columns = bars.Select((bar, i) => new Bar
        {
            Position = i,
            Value = bar.Ratio * 100,
            FillColor = palette.GetColor(i),
            Label = $"{bar.Ratio * 100:0} %\n{bar.Ours:#,0} / {bar.Reference:#,0}\n{bar.Unit}",
        }).ToList();
        var barPlot = plot.Add.Bars(columns);
        barPlot.ValueLabelStyle.FontSize = 14;
        var reference = plot.Add.HorizontalLine(100);
        reference.LinePattern = LinePattern.Dashed;
        reference.Color = Colors.Gray;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.SetLimitsY(0, Math.Max(125, bars.Select(b => b.Ratio * 100 + 30).DefaultIfEmpty(0).Max()));
        plot.Axes.SetLimitsX(-0.6, Math.Max(bars.Count, 1) - 0.4);
        plot.Title("Throughput, ours / reference");
        plot.YLabel("% of the ceiling (c: of the theoretical maximum)");
        return plot;
    }

    private static Plot LatencyCdf(IReadOnlyList<LatencySeries> series)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < series.Count; s++)
        {
            var sorted = series[s].Milliseconds.Order().ToArray();
            var xs = sorted.Select(ms => Math.Log10(Math.Max(ms, 0.1))).ToArray();
            var ys = Enumerable.Range(1, sorted.Length).Select(i => 100.0 * i / sorted.Length).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = $"{series[s].Label} (p99 {LatencySummary.Rank(sorted, 0.99):0.0} ms)";
            line.LineWidth = 2;
            line.Color = palette.GetColor(s);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = x => $"{Math.Pow(10, x):0.#}",
        };
        plot.Axes.SetLimitsY(0, 101);
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title("Latency CDF, file in place -> acknowledged");
        plot.XLabel("milliseconds (log scale)");
        plot.YLabel("% of files");
        return plot;
    }
}
