namespace CollectorLb.Grains.Interop;

/// <summary>The <c>fcntl(2)</c> commands this service uses (the same on every Linux architecture).</summary>
public enum FcntlCommand
{
    GetStatusFlags = 3,
    SetStatusFlags = 4,
}
