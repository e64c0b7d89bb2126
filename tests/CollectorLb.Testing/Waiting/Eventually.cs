namespace CollectorLb.Testing.Waiting;

/// <summary>Waits for a condition with a deadline, never a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), () => what, timeout);

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(condition, () => what, timeout);

    public static Task TrueAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), describe, timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {(timeout ?? DefaultTimeout).TotalSeconds} s: {describe()}");
            }

            await Task.Delay(50);
        }
    }
}
