namespace CollectorLb.Grains.Interop;

/// <summary>
/// <c>open(2)</c> flags; a few differ between x86-64 and the ARM architectures. <c>inotify_init1</c> and <c>eventfd</c>
/// take the same values for non-blocking and close-on-exec (IN_NONBLOCK, EFD_CLOEXEC, ...).
/// </summary>
public static class OpenFlags
{
    private static readonly bool IsArm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public const int ReadOnly = 0;
    public const int NonBlock = 0x800;
    public const int CloseOnExec = 0x80000;

    /// <summary>AT_FDCWD: the directory descriptor that means the working directory, for the <c>*at(2)</c> calls.</summary>
    public const int AtCurrentDirectory = -100;

    public static int Directory => IsArm ? 0x4000 : 0x10000;

    public static int NoFollow => IsArm ? 0x8000 : 0x20000;
}
