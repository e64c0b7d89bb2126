namespace CollectorLb.Silo.Configuration;

/// <summary>One or more settings are invalid; the message lists each one with what it accepts.</summary>
public sealed class InvalidSettingException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
