using CollectorLb.Grains.Observability;
using CollectorLb.Silo.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollectorLb.Tests.Observability;

public class DeliveryMeterListenerTests
{
    [Fact]
    public void Totals_TwoSilosInOneProcess_CountOnlyTheirOwnSilosMeasurements()
    {
        using var mine = new ServiceCollection().AddMetrics().AddSingleton<CollectorMetrics>().BuildServiceProvider();
        using var theirs = new ServiceCollection().AddMetrics().AddSingleton<CollectorMetrics>().BuildServiceProvider();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var listener = new DeliveryMeterListener(mine.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new StatisticsWindow(time), time);

        var metrics = mine.GetRequiredService<CollectorMetrics>();
        metrics.FilesDelivered.Add(2);
        metrics.BytesDelivered.Add(4096);
        metrics.UploadFailures.Add(1);
        metrics.Duplicates.Add(1);
        metrics.DeliveryLatency.Record(0.2);
        theirs.GetRequiredService<CollectorMetrics>().FilesDelivered.Add(100);

        var totals = listener.Totals;
        Assert.Equal(2, totals.FilesDelivered);
        Assert.Equal(4096, totals.BytesDelivered);
        Assert.Equal(1, totals.UploadFailures);
        Assert.Equal(1, totals.Duplicates);
    }
}
