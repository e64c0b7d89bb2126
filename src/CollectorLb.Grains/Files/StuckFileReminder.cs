namespace CollectorLb.Grains.Files;

/// <summary>
/// The durable reminder that brings a file back after a restart: registered only for a file that failed, whose upload
/// runs long or that is moving to or from quarantine, and removed at its end, so healthy files never touch the
/// reminder table. Whether it is registered is kept in the file's record.
/// </summary>
internal sealed class StuckFileReminder(IGrainBase grain, FileRecord record, TimeSpan period)
{
    private const string Name = "stuck";

    /// <param name="persist">False when the caller's next write records it (or when a write must not interleave with one).</param>
    public async Task RegisterAsync(bool persist)
    {
        if (!record.State.HasReminder)
        {
            await grain.RegisterOrUpdateReminder(Name, period, period);
            record.State.HasReminder = true;
            if (persist)
            {
                await record.WriteAsync(_ => { });
            }
        }
    }

    /// <summary>
    /// Unregisters it, looked up by name: one registered by a long upload just before a crash exists although the
    /// stored state does not say so.
    /// </summary>
    public async Task UnregisterAsync()
    {
        await RemoveAsync();
        if (record.State.HasReminder)
        {
            await record.WriteAsync(state => state.HasReminder = false);
        }
    }

    /// <summary>For a record about to be cleared: removes the reminder the state says there is (no table read otherwise).</summary>
    public async Task RemoveRecordedAsync()
    {
        if (record.State.HasReminder)
        {
            await RemoveAsync();
        }
    }

    private async Task RemoveAsync()
    {
        if (await grain.GetReminder(Name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
