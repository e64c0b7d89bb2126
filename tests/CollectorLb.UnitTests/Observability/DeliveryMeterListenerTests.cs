using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;
using CollectorLb.Silo.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollectorLb.UnitTests.Observability;

public class DeliveryMeterListenerTests
{
    [Fact]
    public void Totals_TwoSilosInOneProcess_CountOnlyTheirOwnSilosMeasurements()
    {
        using var mine = new ServiceCollection().AddMetrics().AddOptions().AddSingleton<CollectorMetrics>().BuildServiceProvider();
        using var theirs = new ServiceCollection().AddMetrics().AddOptions().AddSingleton<CollectorMetrics>().BuildServiceProvider();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var listener = new DeliveryMeterListener(mine.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new StatisticsWindow(time), time);

        var metrics = mine.GetRequiredService<CollectorMetrics>();
        metrics.FileDelivered("c1", 4000, TimeSpan.FromSeconds(0.2));
        metrics.FileDelivered("c2", 96, null);
        metrics.UploadFailed("c1", UploadOutcome.Refused);
        metrics.DuplicatePossible();
        theirs.GetRequiredService<CollectorMetrics>().FileDelivered("c1", 100, null);

        var totals = listener.Totals;
        Assert.Equal(2, totals.FilesDelivered);
        Assert.Equal(4096, totals.BytesDelivered);
        Assert.Equal(1, totals.UploadFailures);
        Assert.Equal(1, totals.Duplicates);
    }
}
