namespace CollectorLb.Grains.Delivery;

/// <summary>How an upload ended. Only <see cref="Acknowledged"/> lets the file be deleted.</summary>
/// <param name="Acknowledged">HTTP 200 with <c>"result":"success"</c>.</param>
/// <param name="Error">Why it does not count as delivered; null when acknowledged.</param>
public sealed record UploadResult(bool Acknowledged, string? Error, long BytesSent, TimeSpan Duration, int? StatusCode)
{
    public static UploadResult Success(long bytes, TimeSpan duration) => new(true, null, bytes, duration, 200);

    public static UploadResult Failure(string error, long bytes, TimeSpan duration, int? statusCode = null) =>
        new(false, error, bytes, duration, statusCode);
}
