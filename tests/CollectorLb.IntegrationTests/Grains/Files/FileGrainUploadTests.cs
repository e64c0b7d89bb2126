using CollectorLb.Grains.Delivery;
using CollectorLb.Testing.Fakes;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Grains.Files;

/// <summary>A file's grain on uploads that reach no network: it tries again after a refusal and deletes the file once acknowledged.</summary>
public sealed class FileGrainUploadTests
{
    [Fact]
    public async Task Upload_RefusedTwiceThenAcknowledged_TheFileIsDeletedAndEveryAttemptSentItsBytesUnderOneFileId()
    {
        var uploader = new FakeFileUploader();
        var attempts = 0;
        uploader.Answer = request => Interlocked.Increment(ref attempts) <= 2 ? FakeFileUploader.Refuse(request) : FakeFileUploader.Acknowledge(request);
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConfigureSilo = silo => silo.Services.AddSingleton<IFileUploader>(uploader),
        });

        var (name, sha256) = harness.DropFiles(1).Single();

        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => $"the file deleted; on disk: {string.Join(", ", harness.FilesOnDisk())}");
        var uploads = uploader.Uploads;
        Assert.Equal(3, uploads.Count);
        Assert.All(uploads, upload =>
        {
            Assert.Equal(name, upload.Request.FileName);
            Assert.Equal(sha256, upload.Sha256Hex);
        });
        Assert.Single(uploads.Select(u => u.Request.FileId).Distinct());
        Assert.Equal([false, false, true], uploads.Select(u => u.Result.Acknowledged));
        Assert.Empty(harness.AllReceived);
    }
}
