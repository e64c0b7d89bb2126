namespace CollectorLb.Grains.Files;

/// <summary>Why a file went to quarantine; the <c>reason</c> label of <c>collectorlb_files_quarantined_total</c>.</summary>
public enum QuarantineCause
{
    /// <summary>Its bytes say it is not a complete nfcapd file.</summary>
    Invalid,

    /// <summary>Connectors refused it <c>Delivery:MaxAttempts</c> times while they took other files.</summary>
    MaxAttempts,

    /// <summary>Its bytes vanished from the spool (someone else removed them): only the record is kept.</summary>
    Missing,
}
