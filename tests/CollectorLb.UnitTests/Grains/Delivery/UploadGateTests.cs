using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Options;

namespace CollectorLb.UnitTests.Grains.Delivery;

public class UploadGateTests
{
    [Fact]
    public async Task EnterAsync_AtTheCap_WaitsForASlot()
    {
        using var gate = new UploadGate(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { MaxUploadsInFlight = 1 }), new NoUploads());
        var first = await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        first!.Dispose();
        Assert.NotNull(await second);
        Assert.Equal(1, gate.InFlight);
    }

    [Fact]
    public async Task DrainAsync_UploadsFinishWithinGrace_ReturnsTrueAndRefusesNewOnes()
    {
        using var gate = new UploadGate(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions()), new NoUploads());
        var running = await gate.EnterAsync(CancellationToken.None);

        var drain = gate.DrainAsync(TimeSpan.FromMinutes(1));
        Assert.Null(await gate.EnterAsync(CancellationToken.None));
        running!.Dispose();

        Assert.True(await drain);
        Assert.False(gate.Aborted.IsCancellationRequested);
    }

    [Fact]
    public async Task DrainAsync_GraceRunsOut_CancelsTheRunningUploads()
    {
        using var gate = new UploadGate(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions()), new NoUploads());
        using var running = await gate.EnterAsync(CancellationToken.None);

        Assert.False(await gate.DrainAsync(TimeSpan.FromMilliseconds(50)));
        Assert.True(gate.Aborted.IsCancellationRequested);
    }

    private sealed class NoUploads : IFileUploader
    {
        public Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("no upload in these tests");
    }
}
