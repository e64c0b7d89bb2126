using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Observability;

/// <summary>The test helper around a real Prometheus: it scrapes a silo and answers queries over what it scraped.</summary>
public class PrometheusServerTests
{
    [Fact]
    public async Task PrometheusServer_ScrapingASilo_AnswersQueriesOnItsSeriesWithTheHostLabel()
    {
        await using var silo = await SiloProcessHarness.StartAsync("prometheus-host", connectors: 1);
        await using var prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{silo.HttpPort}"]);

        IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> ready = [];
        await Eventually.TrueAsync(
            async () =>
            {
                ready = await prometheus.QueryAsync($"collectorlb_ready{{host=\"{silo.HostId}\"}}");
                return ready.Count == 1 && ready[0].Value == 1;
            },
            () => $"Prometheus has the silo ready\n{prometheus.Output}");

        Assert.Equal(PrometheusServer.JobName, ready[0].Labels["job"]);
        Assert.Equal("up", (await prometheus.TargetHealthAsync())[$"127.0.0.1:{silo.HttpPort}"]);
    }
}
