namespace CollectorLb.Grains.Delivery;

/// <summary>How an upload ended. Only <see cref="UploadOutcome.Acknowledged"/> lets the file be deleted.</summary>
/// <param name="Error">Why it does not count as delivered; null when acknowledged.</param>
/// <param name="BodySent">Every byte of the file was handed to the connection: the connector may have stored it.</param>
public sealed record UploadResult(UploadOutcome Outcome, string? Error, long BytesSent, TimeSpan Duration, int? StatusCode, bool BodySent)
{
    public bool Acknowledged => Outcome == UploadOutcome.Acknowledged;

    /// <summary>
    /// Not acknowledged, yet the connector may hold the file: the whole body went out and no answer said no. A resend
    /// of such a file is a possible duplicate.
    /// </summary>
    public bool OutcomeUnknown => BodySent && Outcome is UploadOutcome.NoAnswer or UploadOutcome.Cancelled;

    public static UploadResult Success(long bytes, TimeSpan duration) => new(UploadOutcome.Acknowledged, null, bytes, duration, 200, BodySent: true);

    public static UploadResult Failure(UploadOutcome outcome, string error, long bytes, TimeSpan duration, int? statusCode = null, bool bodySent = false) =>
        new(outcome, error, bytes, duration, statusCode, bodySent);
}
