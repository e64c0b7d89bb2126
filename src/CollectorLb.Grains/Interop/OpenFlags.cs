using System.Runtime.InteropServices;

namespace CollectorLb.Grains.Interop;

/// <summary><c>open(2)</c> flags; a few differ between x86-64 and the ARM architectures.</summary>
internal static class OpenFlags
{
    private static readonly bool IsArm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public const int ReadOnly = 0;
    public const int NonBlock = 0x800;
    public const int CloseOnExec = 0x80000;

    public static int Directory => IsArm ? 0x4000 : 0x10000;

    public static int NoFollow => IsArm ? 0x8000 : 0x20000;
}
