namespace CollectorLb.Testing.Programs;

/// <summary>What one run of the CLI printed and exited with.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
