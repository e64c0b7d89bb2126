using System.Runtime.InteropServices;

namespace CollectorLb.Silo.Interop;

/// <summary>Process.Kill only sends SIGKILL; nfcapd needs SIGTERM to close and rename its current file.</summary>
public static class UnixSignals
{
    private const int Sigterm = 15;

    public static bool Terminate(int processId) => Kill(processId, Sigterm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
