using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Options;

namespace CollectorLb.UnitTests.Grains.Delivery;

public class UploadGateTests
{
    private static readonly UploadRequest Request = new("http://connector", "/nowhere/nfcapd.1", "nfcapd.1", "host/claim/nfcapd.1/1");

    private static readonly UploadResult Acknowledged = UploadResult.Success(1, TimeSpan.FromMilliseconds(1));

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
        var uploader = new HeldUploader();
        using var gate = new UploadGate(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions()), uploader);
        var running = await gate.EnterAsync(CancellationToken.None);
        var upload = gate.UploadAsync(Request, CancellationToken.None);

        var drain = gate.DrainAsync(TimeSpan.FromMinutes(1));
        Assert.Null(await gate.EnterAsync(CancellationToken.None));
        uploader.Finish(Acknowledged);
        Assert.Same(Acknowledged, await upload);
        running!.Dispose();

        Assert.True(await drain);
    }

    [Fact]
    public async Task DrainAsync_GraceRunsOut_CancelsTheRunningUploads()
    {
        using var gate = new UploadGate(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions()), new HeldUploader());
        using var running = await gate.EnterAsync(CancellationToken.None);
        var upload = gate.UploadAsync(Request, CancellationToken.None);

        Assert.False(await gate.DrainAsync(TimeSpan.FromMilliseconds(50)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
    }

    /// <summary>Each upload runs until the test finishes it or the gate cancels it.</summary>
    private sealed class HeldUploader : IFileUploader
    {
        private readonly TaskCompletionSource<UploadResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish(UploadResult result) => _result.SetResult(result);

        public Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken) => _result.Task.WaitAsync(cancellationToken);
    }

    private sealed class NoUploads : IFileUploader
    {
        public Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("no upload in these tests");
    }
}
