namespace CollectorLb.Grains.Delivery;

/// <summary>How one upload attempt ended. The grain decides from it whether the file, or the downstream, is at fault.</summary>
public enum UploadOutcome
{
    /// <summary>HTTP 200 with <c>"result":"success"</c>: the only outcome that lets the file be deleted.</summary>
    Acknowledged,

    /// <summary>The connector answered, and not with success: 4xx, 500, a 200 without success, an answer that is not JSON.</summary>
    Refused,

    /// <summary>
    /// The connector was not reached, or said it cannot take files now: connect refused or timed out, DNS, a reset or a
    /// timeout before the whole body was sent, 502/503/504. Never the file's fault.
    /// </summary>
    Unavailable,

    /// <summary>The whole body went out and no answer came (a timeout, a reset, a stalled answer): the connector may have the file.</summary>
    NoAnswer,

    /// <summary>The file could not be opened or read (EMFILE, EIO, ...); transient, retried.</summary>
    Unreadable,

    /// <summary>Cancelled by shutdown; <see cref="UploadResult.BodySent"/> says whether the connector may have the file.</summary>
    Cancelled,
}
