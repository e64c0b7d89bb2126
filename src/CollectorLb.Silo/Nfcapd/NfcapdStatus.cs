namespace CollectorLb.Silo.Nfcapd;

/// <summary>What the supervisor last knew of nfcapd, for readiness and the dashboard.</summary>
public enum NfcapdStatus
{
    Starting,
    Running,
    Restarting,
    Disabled,
    NotInstalled,
    Stopped,
}
