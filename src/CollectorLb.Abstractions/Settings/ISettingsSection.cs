namespace CollectorLb.Abstractions.Settings;

/// <summary>
/// A section of settings checked by <see cref="SettingsValidator{TOptions}"/>: the numeric bounds stand on the
/// properties as <see cref="SettingAttribute"/>s, the other rules (names from a list, formats, one setting against
/// another) in <see cref="CheckRules"/>.
/// </summary>
public interface ISettingsSection
{
    /// <summary>Where the section lives in the configuration, such as <c>CollectorLb:Delivery</c>.</summary>
    static abstract string SectionName { get; }

    /// <summary>Adds an error for each rule this section breaks besides its bounds.</summary>
    void CheckRules(SettingErrors errors)
    {
    }
}
