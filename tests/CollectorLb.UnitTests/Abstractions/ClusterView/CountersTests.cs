using CollectorLb.Abstractions.ClusterView;

namespace CollectorLb.UnitTests.Abstractions.ClusterView;

public class CountersTests
{
    [Fact]
    public void Add_TwoHostsTotals_SumsEveryCounter()
    {
        var a = new DeliveryTotals
        {
            FilesDetected = 1,
            FilesDelivered = 2,
            FilesDeleted = 3,
            UploadFailures = 4,
            FilesQuarantined = 5,
            FilesRequeued = 6,
            Duplicates = 7,
            BytesDelivered = 8,
            ConnectorEjections = 9,
        };
        var b = new DeliveryTotals
        {
            FilesDetected = 10,
            FilesDelivered = 20,
            FilesDeleted = 30,
            UploadFailures = 40,
            FilesQuarantined = 50,
            FilesRequeued = 60,
            Duplicates = 70,
            BytesDelivered = 80,
            ConnectorEjections = 90,
        };

        var sum = a.Add(b);

        Assert.Equal(
            new DeliveryTotals
            {
                FilesDetected = 11,
                FilesDelivered = 22,
                FilesDeleted = 33,
                UploadFailures = 44,
                FilesQuarantined = 55,
                FilesRequeued = 66,
                Duplicates = 77,
                BytesDelivered = 88,
                ConnectorEjections = 99,
            },
            sum);
        Assert.Equal(1, a.FilesDetected);
    }

    [Fact]
    public void Add_TwoHostsFileStates_SumsEveryState()
    {
        var a = new FileStateCounts { Detected = 1, Dispatching = 2, Sent = 3, Deleted = 4, Quarantined = 5 };
        var b = new FileStateCounts { Detected = 10, Dispatching = 20, Sent = 30, Deleted = 40, Quarantined = 50 };

        Assert.Equal(new FileStateCounts { Detected = 11, Dispatching = 22, Sent = 33, Deleted = 44, Quarantined = 55 }, a.Add(b));
    }
}
