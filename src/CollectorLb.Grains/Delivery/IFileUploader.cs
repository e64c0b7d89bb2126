namespace CollectorLb.Grains.Delivery;

/// <summary>Streams one file from disk to one connector's <c>/convert</c>.</summary>
public interface IFileUploader
{
    /// <summary>Never throws for what the connector or network did; that is in the result.</summary>
    Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken);
}
