using CollectorLb.Grains.Delivery;

namespace CollectorLb.Testing.Fakes;

/// <summary>
/// Uploads that reach no network: each reads the file (so its bytes can be compared), is answered by
/// <see cref="Answer"/> (acknowledged, unless the test says otherwise) and is recorded.
/// </summary>
public sealed class FakeFileUploader : IFileUploader
{
    private readonly ConcurrentQueue<FakeUpload> _uploads = new();

    /// <summary>Decides each upload's result; <see cref="Acknowledge"/> unless the test sets another.</summary>
    public Func<UploadRequest, UploadResult> Answer { get; set; } = Acknowledge;

    /// <summary>Every upload asked for, in order.</summary>
    public IReadOnlyList<FakeUpload> Uploads => [.. _uploads];

    /// <summary>What a connector that takes the file answers: 200 with success, every byte sent.</summary>
    public static UploadResult Acknowledge(UploadRequest request) =>
        UploadResult.Success(new FileInfo(request.FilePath).Length, TimeSpan.FromMilliseconds(1));

    /// <summary>What a connector that refuses the file answers: HTTP <paramref name="status"/>, the body sent.</summary>
    public static UploadResult Refuse(UploadRequest request, int status = 400) =>
        UploadResult.Failure(UploadOutcome.Refused, $"HTTP {status}", new FileInfo(request.FilePath).Length, TimeSpan.FromMilliseconds(1), status, bodySent: true);

    public async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        var sha256 = await Sha256OfAsync(request.FilePath, cancellationToken);
        var result = Answer(request);
        _uploads.Enqueue(new FakeUpload(request, sha256, result));
        return result;
    }

    private static async Task<string?> Sha256OfAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken)));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
